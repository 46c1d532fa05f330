using System.Globalization;
using MudBlazor;
using NodaTime;
using NodaTime.Text;

namespace Steward.Server.Ui.Shared;

/// <summary>How the UI writes values: times in UTC with minutes, so that everyone reads the same clock.</summary>
public static class Show
{
    static readonly InstantPattern WhenPattern = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm 'UTC'");

    public static string When(Instant instant) => WhenPattern.Format(instant);

    public static string When(Instant? instant) => instant is { } i ? When(i) : "—";

    public static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    public static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? "—" : value;

    public static async Task<TableData<T>> PageAsync<T>(this IQueryable<T> query, TableState state, CancellationToken ct)
    {
        var total = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(query, ct);
        var items = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            query.Skip(state.Page * state.PageSize).Take(state.PageSize), ct);
        return new TableData<T> { TotalItems = total, Items = items };
    }

    /// <summary>Orders by the key, then by id so that pages never overlap when keys repeat.</summary>
    public static IOrderedQueryable<T> SortBy<T, TKey>(this IQueryable<T> query, System.Linq.Expressions.Expression<Func<T, TKey>> key,
        SortDirection direction) =>
        direction is SortDirection.Descending ? query.OrderByDescending(key) : query.OrderBy(key);
}
