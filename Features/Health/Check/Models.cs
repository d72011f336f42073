namespace ChatFake.Features.Health.Check;

public sealed record Response(string Status);
