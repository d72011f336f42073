using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Conversations.List;

public sealed class Request : PagedRequest
{
    public const int DefaultLimit = PageRequest.ThreadsPerPage;

    /// <summary>Only conversations with exactly this tag; empty means no filter.</summary>
    [QueryParam] public string? Tag { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator() => this.AddPagingRules();
}
