namespace ChatFake.Features.OpenAi.GetModel;

public sealed class Request
{
    /// <summary>The model id (route).</summary>
    public string Id { get; set; } = "";
}
