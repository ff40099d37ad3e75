using System.Text;
using QRCoder;

namespace Rasens.Workbench.Infrastructure;

/// <summary>
/// A QR code as inline SVG: one path of dark runs over a white square. Vector, so it stays sharp at any size and
/// zoom, and needs no image decoder; only numbers are written, so the markup is safe to emit as it is.
/// </summary>
internal static class QrSvg
{
    public static string Render(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var rows = data.ModuleMatrix; // includes the quiet zone
        var size = rows.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (!rows[y][x])
                {
                    continue;
                }

                var start = x;
                while (x + 1 < size && rows[y][x + 1])
                {
                    x++;
                }

                path.Append(CultureInfo.InvariantCulture, $"M{start} {y}h{x - start + 1}v1h-{x - start + 1}z");
            }
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>");
    }
}
