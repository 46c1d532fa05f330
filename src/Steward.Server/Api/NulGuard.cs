using Microsoft.AspNetCore.Http.Features;

namespace Steward.Server.Api;

/// <summary>A value from outside the server refuses to take; a 400 naming <see cref="Field"/> (<see cref="ProblemExceptionHandler"/>).</summary>
public sealed class RefusedInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Refuses U+0000 (<see cref="NulText"/>) wherever text enters a request, before an endpoint sees
/// it: query string keys and values and route values, for every endpoint (API and UI); a JSON
/// body's strings and property names at any depth; and a form's fields, file names and content
/// types when an endpoint reads the form. A 400 names the field (<see cref="RefusedInputException"/>).
/// <para>
/// JSON bodies are read once here and again by the endpoint, rather than through a JSON converter
/// for <see cref="string"/>: with such a converter the OpenAPI document loses the type and limits
/// of every text field. Bodies are small (<see cref="Hosting.StewardOptions.MaxRequestBodyBytes"/>).
/// </para>
/// </summary>
public sealed class NulGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        foreach (var (key, values) in http.Request.Query)
        {
            if (NulText.Contains(key)) throw Refused(key);
            foreach (var value in values)
                if (NulText.Contains(value)) throw Refused(key);
        }
        foreach (var (key, value) in http.Request.RouteValues)
            if (value is string text && NulText.Contains(text)) throw Refused(key);

        if (http.GetEndpoint() is not null && http.Request.HasJsonContentType() && http.Request.ContentLength is not 0)
        {
            var body = new MemoryStream();
            http.Response.RegisterForDispose(body);
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            if (NulText.FieldInJson(body.GetBuffer().AsSpan(0, (int)body.Length)) is { } field)
                throw new RefusedInputException(field, NulText.Refusal);
            body.Position = 0;
            http.Request.Body = body;
        }
        // A form is checked when the endpoint reads it, not here: an upload is read only once its
        // record is known to exist (RecordParts.Attach), and most requests have no form at all.
        else if (http.Request.HasFormContentType && http.Features.Get<IFormFeature>() is { } form)
        {
            http.Features.Set<IFormFeature>(new CheckedForm(form));
        }
        await next(http);
    }

    /// <summary>The field as clients name it; a NUL in a key itself is shown as U+FFFD, as JSON text cannot show it usefully.</summary>
    static RefusedInputException Refused(string field) =>
        new(field.Replace('\0', '\uFFFD'), NulText.Refusal);

    sealed class CheckedForm(IFormFeature form) : IFormFeature
    {
        public bool HasFormContentType => form.HasFormContentType;

        public IFormCollection? Form
        {
            get => form.Form;
            set => form.Form = value;
        }

        public IFormCollection ReadForm() => Check(form.ReadForm());

        public async Task<IFormCollection> ReadFormAsync(CancellationToken cancellationToken) => Check(await form.ReadFormAsync(cancellationToken));

        static IFormCollection Check(IFormCollection read)
        {
            foreach (var (key, values) in read)
            {
                if (NulText.Contains(key)) throw Refused(key);
                foreach (var value in values)
                    if (NulText.Contains(value)) throw Refused(key);
            }
            foreach (var file in read.Files)
                if (NulText.Contains(file.Name) || NulText.Contains(file.FileName) || NulText.Contains(file.ContentType)) throw Refused(file.Name);
            return read;
        }
    }
}
