using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Messages.List;

public sealed class Request : PagedRequest
{
    public const int DefaultLimit = PageRequest.MessagesPerPage;

    public string Id { get; set; } = "";
}

public sealed class Validator : Validator<Request>
{
    public Validator() => this.AddPagingRules();
}
