using System.Globalization;

namespace ChatFake.Infrastructure.Http.OpenApi;

/// <summary>The areas of the API, in the order of API.md: each operation is tagged with the area its path belongs to.</summary>
static class ApiAreas
{
    public static readonly IReadOnlyList<(string Tag, string Description)> All =
    [
        ("Auth", "Accounts and tokens: register or log in, then send `Authorization: Bearer <token>`."),
        ("Models", "The fake AI models a conversation can talk to."),
        ("Conversations", "Your personal conversations, with tags and a model each."),
        ("Tags", "The tags in use across your conversations."),
        ("Messages", "The messages of a personal conversation: list, send, and stream the reply over SSE."),
        ("Bots", "The preset bots that take part in group conversations."),
        ("Groups", "Group conversations, where every bot of the group answers a message in turn."),
        ("Health", "Whether the app and its database answer."),
        ("Anthropic", "Anthropic's Messages API, for Anthropic's SDKs: errors in Anthropic's shape; the key as `x-api-key` or `Authorization: Bearer`."),
    ];

    /// <summary>The area of a route path such as <c>/api/group-conversations/{id}/messages</c>.</summary>
    public static string TagOf(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var first = segments is ["api", var area, ..] ? area : segments.FirstOrDefault() ?? "";
        return first switch
        {
            "auth" => "Auth",
            "models" => "Models",
            "conversations" when segments.Contains("messages") => "Messages",
            "conversations" => "Conversations",
            "tags" => "Tags",
            "bots" => "Bots",
            "group-conversations" => "Groups",
            "health" => "Health",
            "v1" when segments is [_, "messages", ..] => "Anthropic",
            "v1" when segments is [_, "models", ..] => "Anthropic", // shared with OpenAI's list: see its anthropic-version branch
            // A route of a new area still gets a tag of its own.
            _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(first.Replace('-', ' ')).Replace(" ", ""),
        };
    }
}
