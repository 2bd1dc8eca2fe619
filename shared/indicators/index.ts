/**
 * Federation statistics: the versioned indicator catalogue, its computation from plain records,
 * and the ASP-shaped report. Disclosure control itself lives in shared/stats.
 */
export * from './period';
export * from './records';
export * from './dimensions';
export * from './catalogue';
export * from './compute';
export * from './asp-report';
