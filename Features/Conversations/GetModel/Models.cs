namespace ChatFake.Features.Conversations.GetModel;

public sealed class Request
{
    public string Id { get; set; } = "";
}

public sealed record Response(string ModelId);
