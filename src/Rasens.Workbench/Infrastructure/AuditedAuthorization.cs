using Microsoft.AspNetCore.Authorization.Policy;

namespace Rasens.Workbench.Infrastructure;

/// <summary>
/// A member of staff who opens a page outside their role (an administrator in a case, say) is refused as the
/// framework refuses anyone, and the attempt goes into the audit journal.
/// </summary>
public sealed class AuditedAuthorization(TimeProvider clock) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var db = context.RequestServices.GetRequiredService<RasensDbContext>();
            var path = context.Request.Path + context.Request.QueryString;
            db.Record(context.User.ToActor(), "access.denied", AuditOutcome.Refused, clock.GetUtcNow().UtcDateTime,
                details: $"{context.Request.Method} {(path.Length > 300 ? path[..300] : path)}", remoteAddress: context.Connection.RemoteIpAddress?.ToString());
            await db.SaveChangesAsync(context.RequestAborted);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
