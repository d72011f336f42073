namespace ChatFake.Features.Conversations.Delete;

public sealed class Request
{
    public string Id { get; set; } = "";
}

public sealed record Response(string Id);
