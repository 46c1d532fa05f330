using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Common;

namespace Steward.Server.Api;

/// <summary>A documented sort field of a list: a text key, or none to sort by creation (ids are time-ordered).</summary>
public sealed record SortField<T>(string Name, Expression<Func<T, string>>? Key);

/// <summary>
/// Sorting and keyset paging over (key, id), shared by every list endpoint. The id breaks ties,
/// so pages never skip or repeat rows even when keys repeat.
/// </summary>
public static class Keyset
{
    static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    static readonly MethodInfo GuidCompareTo = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;

    /// <summary>Parses "name" / "-name"; null with a problem when the field is not one of <paramref name="fields"/>.</summary>
    public static (SortField<T>? Field, bool Descending, ValidationProblem? Problem) ParseSort<T>(string? sort, IReadOnlyList<SortField<T>> fields)
    {
        if (string.IsNullOrEmpty(sort)) return (fields[0], false, null);
        var descending = sort.StartsWith('-');
        var name = descending ? sort[1..] : sort;
        var field = fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        return field is null
            ? (null, false, Problems.Invalid("sort", $"Sort by one of: {string.Join(", ", fields.Select(f => f.Name))}; prefix '-' for descending."))
            : (field, descending, null);
    }

    /// <summary>
    /// A page of whole rows whose views are made in memory (their JSON columns or Markdown are read
    /// back from the stored form), paged by name.
    /// </summary>
    public static async Task<Results<Ok<Page<TView>>, ValidationProblem>> PageByNameAsync<T, TView>(
        IQueryable<T> query, PageQuery page, IReadOnlyList<SortField<T>> fields, Func<T, string> nameOf, Func<T, TView> view, CancellationToken ct)
        where T : class, IEntity
    {
        var rows = await PageAsync(query, page, fields, r => r, nameOf, r => r.Id, ct);
        return rows.Result switch
        {
            Ok<Page<T>> { Value: { } found } => TypedResults.Ok(new Page<TView>(found.Items.Select(view).ToList(), found.Next)),
            ValidationProblem problem => problem,
            var other => throw new InvalidOperationException($"Unexpected paging result {other}."),
        };
    }

    public static async Task<Results<Ok<Page<TView>>, ValidationProblem>> PageAsync<T, TView>(
        IQueryable<T> query, PageQuery page, IReadOnlyList<SortField<T>> fields,
        Expression<Func<T, TView>> select, Func<TView, string> keyOf, Func<TView, Guid> idOf, CancellationToken ct)
        where T : class, IEntity
    {
        var (field, descending, problem) = ParseSort(page.Sort, fields);
        if (problem is not null) return problem;

        Cursor cursor = default;
        if (page.Cursor is not null && !Cursor.TryDecode(page.Cursor, out cursor))
            return Problems.Invalid("cursor", "The cursor is not one this server issued; pass the 'next' value of the previous page unchanged.");

        var row = Expression.Parameter(typeof(T), "row");
        var id = Expression.Property(row, nameof(IEntity.Id));
        var key = field!.Key is null ? null : ReplaceParameter(field.Key, row);

        if (page.Cursor is not null)
        {
            // The cursor's values are read through a field of an object, not inlined as constants,
            // so EF Core sends them as parameters and reuses one compiled query for every page.
            var values = Expression.Constant(new CursorValues(cursor.Key, cursor.Id));
            var cursorKey = Expression.Field(values, nameof(CursorValues.Key));
            var cursorId = Expression.Field(values, nameof(CursorValues.Id));
            var zero = Expression.Constant(0);
            var idAfter = Compare(Expression.Call(id, GuidCompareTo, cursorId), zero, descending, strict: true);
            Expression after = idAfter;
            if (key is not null)
            {
                // key >= k AND (key > k OR id > i): the leading bound is a range the (key, id) index
                // can seek to; the bare OR form makes PostgreSQL walk the index from the start.
                var keyVersusCursor = Expression.Call(StringCompare, key, cursorKey);
                after = Expression.AndAlso(
                    Compare(keyVersusCursor, zero, descending, strict: false),
                    Expression.OrElse(Compare(keyVersusCursor, zero, descending, strict: true), idAfter));
            }
            query = query.Where(Expression.Lambda<Func<T, bool>>(after, row));
        }

        var byId = Expression.Lambda<Func<T, Guid>>(id, row);
        IOrderedQueryable<T> ordered;
        if (key is not null)
        {
            var byKey = Expression.Lambda<Func<T, string>>(key, row);
            ordered = descending ? query.OrderByDescending(byKey).ThenByDescending(byId) : query.OrderBy(byKey).ThenBy(byId);
        }
        else
        {
            ordered = descending ? query.OrderByDescending(byId) : query.OrderBy(byId);
        }

        var take = page.Take;
        var items = await ordered.Take(take + 1).Select(select).ToListAsync(ct);
        string? next = null;
        if (items.Count > take)
        {
            items.RemoveAt(take);
            var last = items[^1];
            next = new Cursor(field.Key is null ? "" : keyOf(last), idOf(last)).Encode();
        }
        return TypedResults.Ok(new Page<TView>(items, next));
    }

    static BinaryExpression Compare(Expression left, Expression right, bool descending, bool strict) => (descending, strict) switch
    {
        (false, true) => Expression.GreaterThan(left, right),
        (false, false) => Expression.GreaterThanOrEqual(left, right),
        (true, true) => Expression.LessThan(left, right),
        (true, false) => Expression.LessThanOrEqual(left, right),
    };

    sealed class CursorValues(string key, Guid id)
    {
        public readonly string Key = key;
        public readonly Guid Id = id;
    }

    static Expression ReplaceParameter<T>(Expression<Func<T, string>> lambda, ParameterExpression row) =>
        new ParameterSwap(lambda.Parameters[0], row).Visit(lambda.Body);

    sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
