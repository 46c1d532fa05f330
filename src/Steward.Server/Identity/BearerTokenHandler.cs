using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Steward.Server.Identity;

/// <summary>Authenticates <c>Authorization: Bearer stw_...</c> personal access tokens.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ActorResolver resolver, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();

        var token = await resolver.TokenAsync(secret, Context.RequestAborted);
        if (token is null) return AuthenticateResult.Fail("The token is unknown, expired or revoked.");
        var scope = await resolver.ScopeOfAsync(token.PersonId, Context.RequestAborted);
        if (scope is null) return AuthenticateResult.Fail("The token's person is archived.");

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, token.PersonId.ToString()),
            new(ActorResolver.TokenIdClaim, token.TokenId.ToString()),
        };
        claims.AddRange(scope.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = 401,
                Title = "Unauthorized",
                Detail = result.Failure?.Message ?? "Send a personal access token as 'Authorization: Bearer <token>'; create one under My tokens.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = 403, Title = "Forbidden", Detail = "Your roles do not allow this action." },
        });
    }
}
