using Steward.Core.Persistence;

namespace Steward.Migrations.Postgres.CompiledModel;

/// <summary>The tenancy filters, which EF Core cannot write into the generated model (see CompiledModelFilters).</summary>
public partial class StewardDbContextModel
{
    partial void Customize() => CompiledModelFilters.AddTo(this);
}
