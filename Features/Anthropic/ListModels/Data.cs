using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Anthropic.ListModels;

/// <summary>
/// GET /v1/models as Anthropic lists models. The route is OpenAI's list
/// (Features/OpenAi/ListModels), which hands a request that speaks Anthropic's protocol (the
/// <c>anthropic-version</c> header its SDKs always send) to <see cref="Answer"/>.
/// </summary>
public static class Data
{
    /// <summary>Reads and checks the query as Anthropic's API does (400 in its shape), then sends the page.</summary>
    public static IResult Answer(HttpRequest request, ModelCatalog catalog)
    {
        var query = new Request
        {
            Limit = request.Query["limit"],
            AfterId = request.Query["after_id"],
            BeforeId = request.Query["before_id"],
        };
        var check = new Validator().Validate(query);
        return check.IsValid
            ? TypedResults.Json(Page(catalog, query))
            : TypedResults.Json(new AnthropicErrors().Body(StatusCodes.Status400BadRequest, check.Errors[0].ErrorMessage, null),
                statusCode: StatusCodes.Status400BadRequest);
    }

    const string NoReleaseDate = "1970-01-01T00:00:00Z";

    /// <summary>
    /// A page of the active models, in the order of GET /api/models (provider, then id): the
    /// first <c>limit</c> after <c>after_id</c>, or the last <c>limit</c> before <c>before_id</c>
    /// (an id that is not listed gives an empty page). A handful of models: read them all.
    /// </summary>
    public static Response Page(ModelCatalog catalog, Request query)
    {
        var all = catalog.Active
            .Select(x => new AnthropicModel(x.Id, x.Name, NoReleaseDate))
            .ToList();
        var limit = query.PageSize();
        int start, end;
        if (!string.IsNullOrEmpty(query.BeforeId))
        {
            end = all.FindIndex(m => m.Id == query.BeforeId);
            if (end < 0) end = 0;
            start = Math.Max(0, end - limit);
        }
        else
        {
            start = string.IsNullOrEmpty(query.AfterId) ? 0 : all.FindIndex(m => m.Id == query.AfterId) is var i and >= 0 ? i + 1 : all.Count;
            end = Math.Min(all.Count, start + limit);
        }
        var page = all[start..end];
        var hasMore = string.IsNullOrEmpty(query.BeforeId) ? end < all.Count : start > 0;
        return new Response(page, hasMore, page.FirstOrDefault()?.Id, page.LastOrDefault()?.Id);
    }
}
