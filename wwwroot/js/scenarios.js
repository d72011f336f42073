// The values of the X-Fake-Scenario header the server knows (docs/API.md), in picker order. A new
// scenario is one more line here; the picker and its hint are built from this list.
export const SCENARIOS = [
  { value: '', label: 'none', hint: 'A normal reply.' },
  { value: 'error', label: 'error', hint: 'Every attempt fails: an error instead of a reply.' },
  { value: 'flaky', label: 'flaky', hint: 'The first attempt fails, the retry succeeds.' },
  { value: 'timeout', label: 'timeout', hint: 'Every attempt runs into the server timeout (30 s each by default), then fails.' },
  { value: 'slow', label: 'slow', hint: 'Every delay five times longer.' },
  { value: 'rate_limit', label: 'rate_limit', hint: 'Refused with 429 Too Many Requests before anything is stored.' },
  { value: 'rate_limit_once', label: 'rate_limit_once', hint: 'Refused with 429 and let through in turn: sending again gets through.' },
];
