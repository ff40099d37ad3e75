using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;
using Rasens.Data.Forms;

namespace Rasens.Data.Hosting;

/// <summary>
/// MVC translates a validation message only for attributes it has an adapter for; this gives the DOMAIN §4
/// format attributes one, so "Validation_Phone" becomes "電話番号は数字のみ…" like the built-in ones.
/// </summary>
public sealed class RasensValidationAttributeAdapterProvider : IValidationAttributeAdapterProvider
{
    private readonly ValidationAttributeAdapterProvider _builtIn = new();

    public IAttributeAdapter? GetAttributeAdapter(ValidationAttribute attribute, IStringLocalizer? stringLocalizer) =>
        attribute is FormatAttribute format
            ? new FormatAttributeAdapter(format, stringLocalizer)
            : _builtIn.GetAttributeAdapter(attribute, stringLocalizer);

    private sealed class FormatAttributeAdapter(FormatAttribute attribute, IStringLocalizer? localizer)
        : AttributeAdapterBase<FormatAttribute>(attribute, localizer)
    {
        public override void AddValidation(ClientModelValidationContext context)
        {
            // Validated on the server only; the forms are novalidate.
        }

        public override string GetErrorMessage(ModelValidationContextBase validationContext) =>
            GetErrorMessage(validationContext.ModelMetadata, validationContext.ModelMetadata.GetDisplayName());
    }
}
