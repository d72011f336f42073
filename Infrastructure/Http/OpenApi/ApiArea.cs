namespace ChatFake.Infrastructure.Http.OpenApi;

/// <summary>
/// An area of the API (Auth, Conversations, Groups...): a FastEndpoints endpoint group whose
/// endpoints the document lists together, under the area's tag and description. Each area is
/// the <c>Area</c> class at the top of its feature folder; an endpoint joins it with
/// <c>Group&lt;Area&gt;()</c> after its route.
/// </summary>
public abstract class ApiArea : Group
{
    /// <param name="position">Where the area comes in docs/API.md, and so in the document's list of tags.</param>
    protected ApiArea(string tag, int position, string description)
    {
        (Tag, Position, Description) = (tag, position, description);
        Configure("", endpoint => endpoint.Description(route => route.WithTags(tag)));
    }

    public string Tag { get; }
    public int Position { get; }
    public string Description { get; }

    /// <summary>Every area of the app, in docs/API.md's order.</summary>
    public static IReadOnlyList<ApiArea> All { get; } = typeof(ApiArea).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(ApiArea)) && !t.IsAbstract)
        .Select(t => (ApiArea)Activator.CreateInstance(t)!)
        .OrderBy(a => a.Position)
        .ToList();
}
