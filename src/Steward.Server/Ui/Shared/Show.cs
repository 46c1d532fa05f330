using System.Globalization;
using MudBlazor;
using NodaTime;
using NodaTime.Text;
using Steward.Core.Portfolio;

namespace Steward.Server.Ui.Shared;

/// <summary>How the UI writes values: times in UTC with minutes, so that everyone reads the same clock.</summary>
public static class Show
{
    static readonly InstantPattern WhenPattern = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm 'UTC'");

    public static string When(Instant instant) => WhenPattern.Format(instant);

    public static string When(Instant? instant) => instant is { } i ? When(i) : "—";

    public static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(LocalDate? date) => date is { } d ? Date(d) : "—";

    public static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? "—" : value;

    /// <summary>An enum member as words: ServiceOutsourcing → "Service outsourcing".</summary>
    public static string Words<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        var words = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) words.Append(' ').Append(char.ToLowerInvariant(name[i]));
            else words.Append(name[i]);
        }
        return words.ToString();
    }

    public static string Words<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } v ? Words(v) : "—";

    /// <summary>A charge as a contract states it: "12,500.00 EUR per month". Amounts use the invariant culture, like dates.</summary>
    public static string Charge(decimal amount, string currency, ChargePeriod period) =>
        $"{amount.ToString("N2", CultureInfo.InvariantCulture)} {currency} {PeriodOf(period)}";

    static string PeriodOf(ChargePeriod period) => period switch
    {
        ChargePeriod.Monthly => "per month",
        ChargePeriod.Quarterly => "per quarter",
        ChargePeriod.Yearly => "per year",
        _ => "once",
    };

    /// <summary>A number as typed in a form: no grouping, no trailing zeros (99.90 → 99.9).</summary>
    public static string Number(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    public static async Task<TableData<T>> PageAsync<T>(this IQueryable<T> query, TableState state, CancellationToken ct)
    {
        var total = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(query, ct);
        var skip = state.Page * state.PageSize;
        var take = state.PageSize;
        // OFFSET walks every row it skips: the last page of 100,000 people took 250 ms. Past the
        // middle, the same rows are read from the other end, in the opposite order, and turned round.
        if (skip > total / 2 && ReversedOrder.TryReverse(query, out var reversed))
        {
            var count = Math.Min(take, total - skip);
            if (count <= 0) return new TableData<T> { TotalItems = total, Items = [] };
            var fromEnd = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                reversed.Skip(Math.Max(total - skip - take, 0)).Take(count), ct);
            fromEnd.Reverse();
            return new TableData<T> { TotalItems = total, Items = fromEnd };
        }
        var items = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            query.Skip(skip).Take(take), ct);
        return new TableData<T> { TotalItems = total, Items = items };
    }

    /// <summary>Orders by the key, then by id so that pages never overlap when keys repeat.</summary>
    public static IOrderedQueryable<T> SortBy<T, TKey>(this IQueryable<T> query, System.Linq.Expressions.Expression<Func<T, TKey>> key,
        SortDirection direction) =>
        direction is SortDirection.Descending ? query.OrderByDescending(key) : query.OrderBy(key);
}
