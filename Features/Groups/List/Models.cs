using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Groups.List;

public sealed class Request : PagedRequest
{
    public const int DefaultLimit = PageRequest.ThreadsPerPage;
}

public sealed class Validator : Validator<Request>
{
    public Validator() => this.AddPagingRules();
}
