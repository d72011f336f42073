namespace ChatFake.Features.Groups.Get;

public sealed class Request
{
    public string Id { get; set; } = "";
}
