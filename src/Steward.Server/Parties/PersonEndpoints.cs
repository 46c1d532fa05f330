using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Server.Api;
using Steward.Server.Identity;

namespace Steward.Server.Parties;

public static class PersonEndpoints
{
    public const string Resource = "people";

    static readonly SortField<Person>[] Sorts =
    [
        new("name", p => p.Name),
        new("email", p => p.Email),
        new("createdAt", null),
    ];

    public static RouteGroupBuilder MapPeople(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/people").WithTags("People");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManageParties);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapPost("/{id:guid}/archive", Archive).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapPost("/{id:guid}/restore", Restore).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapPost("/{id:guid}/password", SetPassword).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapGet("/{id:guid}/skills", Skills).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/{id:guid}/skills", AddSkill).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapPut("/{id:guid}/skills/{skillId:guid}", UpdateSkill).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapDelete("/{id:guid}/skills/{skillId:guid}", RemoveSkill).RequireAccess(Access.ManageParties).ForResource(Resource);
        return group;
    }

    /// <summary>Lists people. Sort: name (default), email, createdAt. q matches name or email.</summary>
    static Task<Results<Ok<Page<PersonRow>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct,
        Guid? organizationId = null, Guid? teamId = null, [StringLength(200)] string? q = null, bool includeArchived = false)
    {
        var query = db.People.AsNoTracking();
        if (!includeArchived) query = query.Where(p => p.ArchivedAt == null);
        if (organizationId is not null) query = query.Where(p => p.OrganizationId == organizationId);
        if (teamId is not null) query = query.Where(p => db.TeamMembers.Any(m => m.TeamId == teamId && m.PersonId == p.Id));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var needle = q.Trim().ToLower();
            query = query.Where(p => p.Name.ToLower().Contains(needle) || p.Email.Contains(needle));
        }
        var sort = page.Sort?.TrimStart('-');
        return Keyset.PageAsync(query, page, Sorts, PersonRow.Projection,
            v => string.Equals(sort, "email", StringComparison.OrdinalIgnoreCase) ? v.Email : v.Name, v => v.Id, ct);
    }

    static async Task<Results<Ok<PersonView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Problems.NotFound("person");
        http.SetETag(person);
        return TypedResults.Ok(PersonView.Of(person, await RolesOfAsync(db, id, ct)));
    }

    static async Task<Results<Created<PersonView>, ProblemHttpResult, ValidationProblem>> Create(
        CreatePerson body, StewardDbContext db, Actor actor, IClock clock, HttpContext http, CancellationToken ct)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == body.OrganizationId && o.ArchivedAt == null, ct))
            return Problems.Invalid("organizationId", "No active organization with this id exists in your tenancy.");
        var email = Person.NormalizeEmail(body.Email);
        if (await db.People.IgnoreQueryFilters().AnyAsync(p => p.Email == email, ct))
            return Problems.Conflict($"Someone with the email {email} already exists.");
        if (CheckRoles(body.Roles, actor) is { } refused) return refused;

        var person = new Person
        {
            OrganizationId = body.OrganizationId,
            Name = body.Name.Trim(),
            Email = email,
            JobTitle = body.JobTitle,
            Phone = body.Phone,
            TimeZone = body.TimeZone,
            Locale = body.Locale,
            CreatedAt = clock.GetCurrentInstant(),
        };
        db.People.Add(person);
        var roles = Canonical(body.Roles);
        if (roles.Count > 0) await GrantAsync(db, person, roles, ct);
        await db.SaveChangesAsync(ct);
        http.SetETag(person);
        return TypedResults.Created($"/api/v1/people/{person.Id}", PersonView.Of(person, roles));
    }

    static async Task<Results<Ok<PersonView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, UpdatePerson body, IfMatch ifMatch, StewardDbContext db, Actor actor, IdentityCache identities, HttpContext http, CancellationToken ct)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Problems.NotFound("person");
        if (!db.TryExpect(person, ifMatch)) return Problems.PreconditionFailed(person.Version);
        var email = Person.NormalizeEmail(body.Email);
        if (email != person.Email && await db.People.IgnoreQueryFilters().AnyAsync(p => p.Email == email && p.Id != id, ct))
            return Problems.Conflict($"Someone with the email {email} already exists.");
        if (CheckRoles(body.Roles, actor) is { } refused) return refused;

        person.Name = body.Name.Trim();
        person.Email = email;
        person.JobTitle = body.JobTitle;
        person.Phone = body.Phone;
        person.TimeZone = body.TimeZone;
        person.Locale = body.Locale;

        var account = await db.Users.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is not null)
        {
            // The sign-in name follows the email.
            account.Email = account.UserName = email;
            account.NormalizedEmail = account.NormalizedUserName = email.ToUpperInvariant();
        }
        IReadOnlyList<string> roles;
        if (body.Roles is not null)
        {
            var current = await RolesOfAsync(db, id, ct);
            var wanted = Canonical(body.Roles);
            // Only an administrator hands out or takes away the roles that see every tenant.
            if (!actor.IsInRole(Roles.Administrator) && current.Concat(wanted).Except(current.Intersect(wanted)).Any(r => r is Roles.Administrator or Roles.Auditor))
                return Problems.Forbidden("Only an administrator grants or removes the Administrator and Auditor roles.");
            await GrantAsync(db, person, wanted, ct);
            roles = wanted;
        }
        else
        {
            roles = await RolesOfAsync(db, id, ct);
        }
        await db.SaveChangesAsync(ct);
        identities.InvalidateScopes();
        http.SetETag(person);
        return TypedResults.Ok(PersonView.Of(person, roles));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, IdentityCache identities, CancellationToken ct)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Problems.NotFound("person");
        if (!db.TryExpect(person, ifMatch)) return Problems.PreconditionFailed(person.Version);

        if (await db.PersonInUseAsync(person, ct) is { } inUse)
            return Problems.Conflict($"{inUse} (POST /api/v1/people/{id}/archive).");

        await db.RemovePersonAsync(person, ct);
        await db.SaveChangesAsync(ct);
        identities.InvalidateScopes();
        return TypedResults.NoContent();
    }

    static Task<Results<Ok<PersonView>, ProblemHttpResult>> Archive(Guid id, IfMatch ifMatch, StewardDbContext db, IClock clock, IdentityCache identities, HttpContext http, CancellationToken ct) =>
        SetArchived(id, ifMatch, db, identities, http, true, clock, ct);

    static Task<Results<Ok<PersonView>, ProblemHttpResult>> Restore(Guid id, IfMatch ifMatch, StewardDbContext db, IClock clock, IdentityCache identities, HttpContext http, CancellationToken ct) =>
        SetArchived(id, ifMatch, db, identities, http, false, clock, ct);

    static async Task<Results<Ok<PersonView>, ProblemHttpResult>> SetArchived(
        Guid id, IfMatch ifMatch, StewardDbContext db, IdentityCache identities, HttpContext http, bool archive, IClock clock, CancellationToken ct)
    {
        var (person, problem) = await Archiving.SetArchivedAsync<Person>(db, id, ifMatch, archive, clock.GetCurrentInstant(), "person", ct);
        if (problem is not null) return problem;
        // An archived person's cookie and tokens stop working at once on this server.
        identities.InvalidateScopes();
        http.SetETag(person!);
        return TypedResults.Ok(PersonView.Of(person!, await RolesOfAsync(db, id, ct)));
    }

    static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> SetPassword(
        Guid id, SetPassword body, StewardDbContext db, Actor actor, UserManager<Account> users, CancellationToken ct)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Problems.NotFound("person");
        var account = await db.Users.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is not null && !actor.IsInRole(Roles.Administrator)
            && await RolesOfAsync(db, id, ct) is var roles && roles.Any(r => r is Roles.Administrator or Roles.Auditor))
            return Problems.Forbidden("Only an administrator sets the password of an administrator or auditor.");
        account ??= NewAccount(db, person);

        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, account, body.Password);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [.. errors] });

        // One SaveChanges, so the password, the new security stamp and the journal commit together.
        account.PasswordHash = users.PasswordHasher.HashPassword(account, body.Password);
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        account.LockoutEnd = null;
        account.AccessFailedCount = 0;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    static async Task<Results<Ok<IReadOnlyList<PersonSkillView>>, ProblemHttpResult>> Skills(Guid id, StewardDbContext db, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == id, ct)) return Problems.NotFound("person");
        var skills = await db.PersonSkills.AsNoTracking().Where(s => s.PersonId == id)
            .Join(db.Skills, ps => ps.SkillId, s => s.Id, (ps, s) => new { ps, s })
            .OrderByDescending(x => x.ps.Level).ThenBy(x => x.s.Name)
            .Select(x => new PersonSkillView(x.s.Id, x.s.Name, x.s.Category, x.ps.Level, x.ps.AssessedAt, x.ps.Version))
            .ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<PersonSkillView>>(skills);
    }

    static async Task<Results<Created<PersonSkillView>, ProblemHttpResult, ValidationProblem>> AddSkill(
        Guid id, AddPersonSkill body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Problems.NotFound("person");
        var skill = await db.ActiveSkillAsync(body.SkillId, ct);
        if (skill is null) return Problems.Invalid("skillId", "No active skill with this id exists.");
        if (await db.HoldsSkillAsync(id, skill.Id, ct))
            return Problems.Conflict($"{person.Name} already has the skill '{skill.Name}'; change its level with PUT.");
        var held = new PersonSkill { PersonId = id, SkillId = skill.Id, OrganizationId = person.OrganizationId, Level = body.Level, AssessedAt = clock.GetCurrentInstant() };
        db.PersonSkills.Add(held);
        await db.SaveChangesAsync(ct);
        http.SetETag(held);
        return TypedResults.Created($"/api/v1/people/{id}/skills/{skill.Id}", new PersonSkillView(skill.Id, skill.Name, skill.Category, held.Level, held.AssessedAt, held.Version));
    }

    static async Task<Results<Ok<PersonSkillView>, ProblemHttpResult, ValidationProblem>> UpdateSkill(
        Guid id, Guid skillId, UpdatePersonSkill body, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var held = await db.PersonSkills.SingleOrDefaultAsync(s => s.PersonId == id && s.SkillId == skillId, ct);
        if (held is null) return Problems.NotFound("skill of this person");
        if (!db.TryExpect(held, ifMatch)) return Problems.PreconditionFailed(held.Version);
        held.Level = body.Level;
        held.AssessedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(ct);
        var skill = await db.Skills.AsNoTracking().SingleAsync(s => s.Id == skillId, ct);
        http.SetETag(held);
        return TypedResults.Ok(new PersonSkillView(skill.Id, skill.Name, skill.Category, held.Level, held.AssessedAt, held.Version));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> RemoveSkill(Guid id, Guid skillId, IfMatch ifMatch, StewardDbContext db, CancellationToken ct)
    {
        var held = await db.PersonSkills.SingleOrDefaultAsync(s => s.PersonId == id && s.SkillId == skillId, ct);
        if (held is null) return Problems.NotFound("skill of this person");
        if (!db.TryExpect(held, ifMatch)) return Problems.PreconditionFailed(held.Version);
        db.PersonSkills.Remove(held);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    static ProblemHttpResult? CheckRoles(IReadOnlyList<string>? roles, Actor actor)
    {
        if (roles is null) return null;
        var unknown = roles.Where(r => Roles.Canonical(r) is null).ToList();
        if (unknown.Count > 0)
            return TypedResults.Problem(statusCode: 400, title: "Unknown role",
                detail: $"Unknown roles: {string.Join(", ", unknown)}. Roles are {string.Join(", ", Roles.All)}.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["roles"] = [$"Unknown roles: {string.Join(", ", unknown)}"] } });
        if (!actor.IsInRole(Roles.Administrator) && Canonical(roles).Any(r => r is Roles.Administrator or Roles.Auditor))
            return Problems.Forbidden("Only an administrator grants the Administrator and Auditor roles.");
        return null;
    }

    static List<string> Canonical(IReadOnlyList<string>? roles) =>
        roles is null ? [] : roles.Select(r => Roles.Canonical(r)!).Distinct().Order(StringComparer.Ordinal).ToList();

    static Account NewAccount(StewardDbContext db, Person person)
    {
        var account = new Account
        {
            Id = person.Id,
            OrganizationId = person.OrganizationId,
            UserName = person.Email,
            NormalizedUserName = person.Email.ToUpperInvariant(),
            Email = person.Email,
            NormalizedEmail = person.Email.ToUpperInvariant(),
            EmailConfirmed = true,
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        db.Users.Add(account);
        return account;
    }

    /// <summary>Makes the person's roles exactly <paramref name="roles"/>, creating the account if needed; saved by the caller.</summary>
    static async Task GrantAsync(StewardDbContext db, Person person, IReadOnlyList<string> roles, CancellationToken ct)
    {
        if (await db.Users.SingleOrDefaultAsync(a => a.Id == person.Id, ct) is null && db.Users.Local.All(a => a.Id != person.Id))
            NewAccount(db, person);
        var roleIds = await db.Roles.Where(r => roles.Contains(r.Name!)).ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var current = await db.UserRoles.Where(ur => ur.UserId == person.Id).ToListAsync(ct);
        db.UserRoles.RemoveRange(current.Where(ur => !roleIds.ContainsValue(ur.RoleId)));
        foreach (var roleId in roleIds.Values.Where(r => current.All(ur => ur.RoleId != r)))
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = person.Id, RoleId = roleId });
    }

    static async Task<IReadOnlyList<string>> RolesOfAsync(StewardDbContext db, Guid personId, CancellationToken ct) =>
        await db.UserRoles.Where(ur => ur.UserId == personId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .OrderBy(n => n)
            .ToListAsync(ct);
}

public sealed record CreatePerson(
    [property: Required] Guid OrganizationId,
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    [property: Required, StringLength(PartyLimits.Email), EmailAddress, SingleLine] string Email,
    [property: Required, TimeZoneId] string TimeZone,
    [property: Required, Locale] string Locale,
    [property: StringLength(PartyLimits.Name), SingleLine] string? JobTitle = null,
    [property: StringLength(50), Phone] string? Phone = null,
    [property: MaxLength(7)] IReadOnlyList<string>? Roles = null);

public sealed record UpdatePerson(
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    [property: Required, StringLength(PartyLimits.Email), EmailAddress, SingleLine] string Email,
    [property: Required, TimeZoneId] string TimeZone,
    [property: Required, Locale] string Locale,
    [property: StringLength(PartyLimits.Name), SingleLine] string? JobTitle = null,
    [property: StringLength(50), Phone] string? Phone = null,
    [property: MaxLength(7)] IReadOnlyList<string>? Roles = null);

public sealed record SetPassword([property: Required, StringLength(128, MinimumLength = 1)] string Password);

public sealed record AddPersonSkill(
    [property: Required] Guid SkillId,
    [property: Range(PersonSkill.MinLevel, PersonSkill.MaxLevel)] int Level);

public sealed record UpdatePersonSkill([property: Range(PersonSkill.MinLevel, PersonSkill.MaxLevel)] int Level);

/// <summary>A person in a list: no roles, which would cost a join per row.</summary>
public sealed record PersonRow(Guid Id, Guid OrganizationId, string Name, string Email, string? JobTitle, Instant? ArchivedAt)
{
    public static readonly System.Linq.Expressions.Expression<Func<Person, PersonRow>> Projection =
        p => new PersonRow(p.Id, p.OrganizationId, p.Name, p.Email, p.JobTitle, p.ArchivedAt);
}

public sealed record PersonView(Guid Id, Guid OrganizationId, string Name, string Email, string? JobTitle, string? Phone,
    string TimeZone, string Locale, IReadOnlyList<string> Roles, Instant CreatedAt, Instant? ArchivedAt, long Version)
{
    public static PersonView Of(Person p, IReadOnlyList<string> roles) =>
        new(p.Id, p.OrganizationId, p.Name, p.Email, p.JobTitle, p.Phone, p.TimeZone, p.Locale, roles, p.CreatedAt, p.ArchivedAt, p.Version);
}

public sealed record PersonSkillView(Guid SkillId, string Name, string? Category, int Level, Instant AssessedAt, long Version);
