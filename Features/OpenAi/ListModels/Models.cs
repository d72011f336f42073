namespace ChatFake.Features.OpenAi.ListModels;

/// <summary><c>{"object": "list", "data": [model...]}</c>.</summary>
public sealed record Response(IReadOnlyList<OpenAiModel> Data)
{
    public string Object => "list";
}
