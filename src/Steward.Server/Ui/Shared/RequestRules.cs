using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Steward.Server.Ui.Shared;

/// <summary>
/// Shape checks taken from the API's request records (<c>CreateService</c>, <c>UpdateSubscription</c>...):
/// a form runs the very DataAnnotations the API's validation runs on the same request, so the two cannot
/// drift apart. The rules that read the database come after, from the shared rule classes.
/// </summary>
public static class RequestRules
{
    static readonly ConcurrentDictionary<(Type, string), ValidationAttribute[]> Attributes = new();

    /// <summary>A field check for a MudBlazor input: the attributes of <paramref name="property"/> of <paramref name="request"/>, with the form's label in the message.</summary>
    public static Func<T, string?> For<T>(Type request, string property, string label) => value => Check(request, property, label, value);

    /// <summary>The first attribute of the property that the value fails, as a message; null when it passes them all.</summary>
    public static string? Check(Type request, string property, string label, object? value) =>
        AttributesOf(request, property).FirstOrDefault(a => !a.IsValid(value))?.FormatErrorMessage(label);

    /// <summary>
    /// The whole request as the API's validation sees it, elements of array properties included (target rows):
    /// the first failure as "field: message", or null. A backstop for what no single field shows, such as a list that is too long.
    /// </summary>
    public static string? CheckAll(object request)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true))
            return results[0].ErrorMessage;
        foreach (var property in request.GetType().GetProperties())
        {
            if (property.PropertyType == typeof(string) || property.GetValue(request) is not IEnumerable items) continue;
            foreach (var item in items)
                if (item is not null && item.GetType().IsClass && item is not string && CheckAll(item) is { } nested)
                    return nested;
        }
        return null;
    }

    static ValidationAttribute[] AttributesOf(Type request, string property) =>
        Attributes.GetOrAdd((request, property), key =>
            key.Item1.GetProperty(key.Item2)?.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray()
            ?? throw new ArgumentException($"{key.Item1.Name} has no property {key.Item2}.", nameof(property)));
}
