namespace ChatFake.Features.Conversations.Get;

public sealed class Request
{
    public string Id { get; set; } = "";
}
