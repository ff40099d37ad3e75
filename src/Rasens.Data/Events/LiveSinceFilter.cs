using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Rasens.Data.Events;

/// <summary>
/// Before a signed-in page reads its data, notes the newest event id. The page starts its live connection from
/// there, so an event committed between this read and the page's own queries is replayed (and refreshes the page)
/// instead of being missed; taking it after the queries could skip one.
/// </summary>
public sealed class LiveSinceFilter(EventFeed feed) : IAsyncPageFilter
{
    public const string Key = "rasens:live-since";

    public static long? Of(HttpContext context) => context?.Items[Key] as long?;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) && http.User.Identity?.IsAuthenticated == true)
        {
            http.Items[Key] = await feed.LatestIdAsync(http.RequestAborted);
        }

        await next();
    }
}
