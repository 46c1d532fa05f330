#!/usr/bin/env bash
# Regenerates the EF Core compiled models of both databases (src/Steward.Migrations.*/CompiledModel).
# Run it after every change to the model (an entity, a configuration, a migration): the server loads
# these instead of building the model at start-up, and CompiledModelTests fails while they are stale.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
dotnet tool restore >/dev/null
aside="$(mktemp -d)"
restore() { for p in Sqlite Postgres; do [[ -f "$aside/$p.cs" ]] && mv "$aside/$p.cs" "src/Steward.Migrations.$p/CompiledModelFilters.cs"; done; rm -rf "$aside"; }
trap restore EXIT
for provider in Sqlite Postgres; do
    project="src/Steward.Migrations.$provider"
    # The hand-written half of the model class cannot build without the generated half: set it aside.
    mv "$project/CompiledModelFilters.cs" "$aside/$provider.cs"
    rm -rf "$project/CompiledModel"
    # --compiled-model: the design-time factory leaves the query filters out (EF Core cannot write them
    # into a compiled model); Steward.Core's CompiledModelFilters adds them when the model loads.
    dotnet ef dbcontext optimize --project "$project" --startup-project "$project" \
        --output-dir CompiledModel --namespace "Steward.Migrations.$provider.CompiledModel" -- --compiled-model
    mv "$aside/$provider.cs" "$project/CompiledModelFilters.cs"
done
