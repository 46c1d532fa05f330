using System.Net;

namespace Steward.Server.Hosting;

/// <summary>
/// The page a person sees when they open Steward while it prepares its database (a first start
/// replays 90 days of demo data): what it is doing and how far it is, updated from <c>/ready</c>
/// every second, and the page they asked for once it is done. Self-contained (no Blazor, no static
/// files), because nothing else of the UI can be served yet.
/// </summary>
public static class PreparingPage
{
    /// <summary>A browser's navigation (it asks for HTML), not an API client or a script's fetch.</summary>
    public static bool IsWanted(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments("/api")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static Task WriteAsync(HttpContext http, StartupProgress progress)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(Html(progress));
    }

    internal static string Html(StartupProgress progress)
    {
        var phase = WebUtility.HtmlEncode(progress.Phase);
        var percent = progress.Percent ?? 0;
        var hidden = progress.Percent is null ? " hidden" : "";
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Steward is preparing</title>
            <style>
              body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", Roboto, sans-serif; background: #f4f6f9; color: #1e2a38; }
              header { background: #1e3a5f; color: #fff; padding: 14px 24px; font-weight: 600; letter-spacing: .02em; }
              main { max-width: 560px; margin: 12vh auto 0; background: #fff; border-radius: 8px; padding: 32px; box-shadow: 0 2px 8px rgba(0,0,0,.08); }
              h1 { font-size: 22px; margin: 0 0 8px; }
              #phase { color: #3b6ea5; margin: 16px 0 8px; }
              .bar { height: 8px; background: #e3e8ef; border-radius: 4px; overflow: hidden; }
              .bar > div { height: 100%; background: #3b6ea5; transition: width .4s; }
              .hidden { display: none; }
              small { color: #5b6b7c; }
            </style>
            </head>
            <body>
            <header>Steward</header>
            <main>
              <h1 id="preparing">Steward is preparing its database</h1>
              <p>This happens when the server starts for the first time or after an upgrade. The page opens by itself when it is done.</p>
              <p id="phase">{{phase}}</p>
              <div class="bar{{hidden}}" id="bar"><div id="done" style="width: {{percent}}%"></div></div>
              <p><small id="percent">{{(progress.Percent is { } p ? p + " % done" : "")}}</small></p>
            </main>
            <script>
              async function poll() {
                try {
                  const r = await fetch('/ready', { cache: 'no-store', headers: { 'Accept': 'application/json' } });
                  if (r.ok) { location.reload(); return; }
                  const s = await r.json();
                  document.getElementById('phase').textContent = s.phase ?? 'Starting';
                  const bar = document.getElementById('bar');
                  if (typeof s.progress === 'number') {
                    bar.classList.remove('hidden');
                    document.getElementById('done').style.width = Math.floor(s.progress * 100) + '%';
                    document.getElementById('percent').textContent = Math.floor(s.progress * 100) + ' % done';
                  }
                } catch (e) { /* the server restarts or is not listening yet: ask again */ }
                setTimeout(poll, 1000);
              }
              setTimeout(poll, 1000);
            </script>
            </body>
            </html>
            """;
    }
}
