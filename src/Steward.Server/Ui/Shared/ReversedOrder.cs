using System.Linq.Expressions;
using System.Reflection;

namespace Steward.Server.Ui.Shared;

/// <summary>
/// Turns the ordering of a query round: each OrderBy/ThenBy of the query's own chain becomes its
/// descending twin and the other way about. Only the chain itself is touched, never the lambdas inside
/// it (a subquery's own order stays). Exact only for a total order, which is why every table ends its
/// ordering with the id.
/// </summary>
public static class ReversedOrder
{
    static readonly Dictionary<string, string> Twins = new(StringComparer.Ordinal)
    {
        [nameof(Queryable.OrderBy)] = nameof(Queryable.OrderByDescending),
        [nameof(Queryable.OrderByDescending)] = nameof(Queryable.OrderBy),
        [nameof(Queryable.ThenBy)] = nameof(Queryable.ThenByDescending),
        [nameof(Queryable.ThenByDescending)] = nameof(Queryable.ThenBy),
    };

    static readonly Dictionary<string, MethodInfo> Methods = typeof(Queryable).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => Twins.ContainsKey(m.Name) && m.GetParameters().Length == 2)
        .ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The same query in the opposite order; false when it has no ordering to turn round.</summary>
    public static bool TryReverse<T>(IQueryable<T> query, out IQueryable<T> reversed)
    {
        var turned = 0;
        var expression = Reverse(query.Expression, ref turned);
        reversed = turned > 0 ? query.Provider.CreateQuery<T>(expression) : query;
        return turned > 0;
    }

    static Expression Reverse(Expression node, ref int turned)
    {
        if (node is not MethodCallExpression { Method.DeclaringType: var type } call || type != typeof(Queryable) || call.Arguments.Count == 0)
            return node;
        var source = Reverse(call.Arguments[0], ref turned);
        var arguments = call.Arguments.Skip(1).Prepend(source);
        if (!Twins.TryGetValue(call.Method.Name, out var twin) || call.Arguments.Count != 2)
            return call.Update(call.Object, arguments);
        turned++;
        var method = Methods[twin].MakeGenericMethod(call.Method.GetGenericArguments());
        return Expression.Call(method, arguments);
    }
}
