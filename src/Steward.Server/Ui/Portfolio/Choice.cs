namespace Steward.Server.Ui.Portfolio;

/// <summary>A record a picker offers (a service, a person, a customer), by id and name.</summary>
public sealed record Choice(Guid Id, string Name);
