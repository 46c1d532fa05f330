using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace Steward.Core.Persistence;

/// <summary>
/// Adds the tenancy filters to a compiled model. The server loads a compiled model per database
/// (src/Steward.Migrations.*/CompiledModel, made by tools/compiled-models.sh) instead of building the
/// model at start-up, a second of JIT on the bench machine; EF Core cannot write query filters into one
/// (dotnet/efcore#24897), so they are added here, when the model loads, from the same lambdas
/// <see cref="StewardDbContext.OnModelCreating"/> gives a model built at run time.
/// </summary>
public static class CompiledModelFilters
{
    /// <summary>The annotation an entity type of a run-time model keeps its query filters in.</summary>
    const string QueryFilterAnnotation = "QueryFilter";

    public static void AddTo(RuntimeModel model)
    {
        // Any instance will do: a filter reads the actor of the context that runs the query.
        var context = new StewardDbContext(new DbContextOptions<StewardDbContext>());
        var rewriter = new DbSetAccessRewriter(model);
        foreach (var (entity, filter) in context.TenancyFilters())
        {
            var entityType = (RuntimeEntityType)(((IModel)model).FindEntityType(entity)
                ?? throw new InvalidOperationException($"The compiled model has no entity type {entity.Name}; run tools/compiled-models.sh."));
            entityType.AddAnnotation(QueryFilterAnnotation, new IQueryFilter[] { Anonymous((LambdaExpression)rewriter.Visit(filter)) });
        }
    }

    /// <summary>
    /// The filter HasQueryFilter(lambda) makes (no name; IgnoreQueryFilters() switches it off), as the
    /// type a run-time model keeps: EF Core's query pipeline casts to it.
    /// </summary>
#pragma warning disable EF1001 // An internal type of EF Core; CompiledModelTests fails if it stops matching what a built model holds.
    static IQueryFilter Anonymous(LambdaExpression expression) => new Microsoft.EntityFrameworkCore.Metadata.Internal.RuntimeQueryFilter(null!, expression);
#pragma warning restore EF1001

    /// <summary>
    /// A filter's <c>Set&lt;T&gt;()</c> becomes a query root of the entity type, as EF Core's
    /// QueryFilterRewritingConvention does for a model built at run time: evaluated as it stands, it
    /// would be called on the instance the lambda was made on.
    /// </summary>
    sealed class DbSetAccessRewriter(IModel model) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node is { Method: { Name: nameof(DbContext.Set), IsGenericMethod: true }, Object: ConstantExpression { Value: DbContext }, Arguments.Count: 0 })
            {
                var type = node.Method.GetGenericArguments()[0];
                return new EntityQueryRootExpression(model.FindEntityType(type)
                    ?? throw new InvalidOperationException($"A tenancy filter reads {type.Name}, which the compiled model lacks."));
            }
            return base.VisitMethodCall(node);
        }
    }
}
