/**
 * The dashboard's HTML, rendered on the server (no script at all: the CSP forbids it). French,
 * one h1 per page, labelled forms, tables with captions and header scopes.
 */
import { catalogueTable } from '../../shared/indicators/catalogue';
import { MARGIN, coordsKey } from '../../shared/stats/index';
import { NON_VENTILE } from '../services/aggregate';
import type { StructureOverview } from '../services/overview';
import { FLAG_LABELS, REGION_NAMES, type HubReport, type ReportCell, type ReportLevel, type ReportTable } from '../services/report';
import { barChart, type Bar } from './charts';
import { escapeHtml, formatCount, formatDateTime } from './html';

export const DASHBOARD_TITLE = 'Jalons — siège régional';

export interface LayoutInput {
  readonly base: string;
  readonly title: string;
  readonly active?: 'structures' | 'indicateurs';
  /** Present when signed in: the logout form needs it. */
  readonly csrfToken?: string;
  readonly body: string;
}

export function layout(p: LayoutInput): string {
  const link = (href: string, label: string, key: LayoutInput['active']) =>
    `<li><a href="${escapeHtml(href)}"${p.active === key ? ' aria-current="page"' : ''}>${label}</a></li>`;
  const nav =
    p.csrfToken === undefined
      ? ''
      : `<nav aria-label="Menu principal"><ul>${link(`${p.base}`, 'Structures', 'structures')}${link(`${p.base}/indicateurs`, 'Indicateurs', 'indicateurs')}` +
        `<li><form class="inline" method="post" action="${p.base}/deconnexion"><input type="hidden" name="csrf" value="${escapeHtml(p.csrfToken)}"><button type="submit" class="secondary">Se déconnecter</button></form></li></ul></nav>`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)} — ${DASHBOARD_TITLE}</title>
<link rel="stylesheet" href="${p.base}/style.css">
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header class="site"><span class="brand">${DASHBOARD_TITLE}</span>${nav}</header>
<main id="contenu">
${p.body}
</main>
</body>
</html>`;
}

export function loginPage(base: string, loginToken: string, message?: string): string {
  const error = message === undefined ? '' : `<p class="error" role="alert">${escapeHtml(message)}</p>`;
  return layout({
    base,
    title: 'Connexion',
    body: `<h1>Connexion au tableau de bord</h1>
<p class="muted">Accès réservé au siège régional. Les statistiques affichées sont anonymisées et protégées par le secret statistique.</p>
${error}
<form method="post" action="${base}/connexion" class="card">
<input type="hidden" name="jeton" value="${escapeHtml(loginToken)}">
<input type="text" name="utilisateur" value="administrateur" autocomplete="username" hidden>
<p><label for="mot-de-passe">Mot de passe administrateur</label>
<input id="mot-de-passe" name="motDePasse" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Se connecter</button></p>
</form>`,
  });
}

export function messagePage(base: string, title: string, message: string): string {
  return layout({ base, title, body: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="${base}">Retour au tableau de bord</a></p>` });
}

function regionLabel(code: string): string {
  return `${REGION_NAMES[code] ?? 'Région'} (${code})`;
}

export function structuresPage(base: string, csrfToken: string, rows: readonly StructureOverview[], periodLabelOf: (key: string) => string): string {
  const body =
    rows.length === 0
      ? '<p>Aucune structure inscrite. Créez un code d’inscription avec <code>npx jalons hub enrol-code</code>.</p>'
      : `<table>
<caption>${formatCount(rows.length)} structure${rows.length > 1 ? 's' : ''} inscrite${rows.length > 1 ? 's' : ''}</caption>
<thead><tr><th scope="col">Structure</th><th scope="col">Région</th><th scope="col">Type de SIAE</th><th scope="col" class="num">Postes actifs</th><th scope="col" class="num">Postes révoqués</th><th scope="col">Dernier lot reçu</th></tr></thead>
<tbody>
${rows
  .map(
    (r) =>
      `<tr><th scope="row">${escapeHtml(r.name)}</th><td>${escapeHtml(regionLabel(r.regionCode))}</td><td>${escapeHtml(r.siaeKind ?? '—')}</td>` +
      `<td class="num">${formatCount(r.activeDevices)}</td><td class="num">${formatCount(r.revokedDevices)}</td>` +
      `<td>${r.lastBundle === null ? 'aucun' : `${escapeHtml(formatDateTime(r.lastBundle.receivedAt))} — ${escapeHtml(periodLabelOf(r.lastBundle.periodKey))}, révision ${r.lastBundle.revision}`}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
  const devices = rows.flatMap((r) => r.devices.map((d) => ({ ...d, structure: r.name })));
  const deviceTable =
    devices.length === 0
      ? ''
      : `<h2>Postes inscrits</h2>
<p class="muted">Pour révoquer un poste perdu ou remplacé : <code>npx jalons hub revoke --data DOSSIER --device IDENTIFIANT</code>.</p>
<table>
<caption>${formatCount(devices.length)} poste${devices.length > 1 ? 's' : ''}</caption>
<thead><tr><th scope="col">Structure</th><th scope="col">Poste</th><th scope="col">Identifiant</th><th scope="col">Inscrit le</th><th scope="col">État</th></tr></thead>
<tbody>
${devices
  .map(
    (d) =>
      `<tr><td>${escapeHtml(d.structure)}</td><th scope="row">${escapeHtml(d.label)}</th><td><code>${escapeHtml(d.deviceId)}</code></td>` +
      `<td>${escapeHtml(formatDateTime(d.enrolledAt))}</td><td>${d.status === 'active' ? 'actif' : 'révoqué'}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
  return layout({ base, title: 'Structures', active: 'structures', csrfToken, body: `<h1>Structures inscrites</h1>\n${body}\n${deviceTable}` });
}

export interface IndicatorsInput {
  readonly base: string;
  readonly csrfToken: string;
  readonly periods: ReadonlyArray<{ readonly key: string; readonly label: string; readonly structures: number }>;
  readonly selectedPeriod: string | null;
  readonly selectedLevel: string;
  readonly report: HubReport | null;
}

/** Which release this is: a new set of bundles makes a new vintage, audited with the previous one. */
function vintageNote(report: HubReport | null): string {
  if (report === null || report.vintage === 0) return '';
  const previous =
    report.audit.previousVintage === 'audited'
      ? `, contrôlée avec la diffusion n° ${report.vintage - 1} pour qu’aucune case masquée ne puisse se déduire des deux`
      : report.audit.previousVintage === 'incompatible'
        ? ', la diffusion précédente reposant sur d’autres définitions de tableaux'
        : '';
  return `<p class="muted">Diffusion n° ${formatCount(report.vintage)} de cette période${previous}.</p>`;
}

export function indicatorsPage(p: IndicatorsInput): string {
  if (p.periods.length === 0 || p.selectedPeriod === null) {
    return layout({
      base: p.base,
      title: 'Indicateurs',
      active: 'indicateurs',
      csrfToken: p.csrfToken,
      body: '<h1>Indicateurs agrégés</h1><p>Aucun lot de statistiques reçu pour l’instant.</p>',
    });
  }
  const report = p.report;
  const levels = report?.levels ?? [];
  const level = levels.find((l) => l.level === p.selectedLevel) ?? levels[0];
  const periodOptions = p.periods
    .map((x) => `<option value="${escapeHtml(x.key)}"${x.key === p.selectedPeriod ? ' selected' : ''}>${escapeHtml(x.label)} (${formatCount(x.structures)} structure${x.structures > 1 ? 's' : ''})</option>`)
    .join('');
  const levelOptions = levels
    .map((l) => `<option value="${escapeHtml(l.level)}"${l.level === level?.level ? ' selected' : ''}>${escapeHtml(l.label)}</option>`)
    .join('');
  const query = `periode=${encodeURIComponent(p.selectedPeriod)}&niveau=${encodeURIComponent(level?.level ?? '')}`;
  const filters = `<form method="get" action="${p.base}/indicateurs" class="filters">
<p><label for="periode">Période</label><select id="periode" name="periode">${periodOptions}</select></p>
<p><label for="niveau">Niveau</label><select id="niveau" name="niveau">${levelOptions}</select></p>
<p><button type="submit">Afficher</button></p>
</form>`;
  const legend = `<h2>Lire les tableaux</h2>
<dl class="legend">${(Object.keys(FLAG_LABELS) as (keyof typeof FLAG_LABELS)[])
    .filter((k) => k !== 'V')
    .map((k) => `<dt>${k}</dt><dd>${escapeHtml(FLAG_LABELS[k])}</dd>`)
    .join('')}<dt>Non ventilé</dt><dd>Part des effectifs que les structures ont masquée dans leurs propres tableaux : comptée dans les totaux, elle n’est attribuée à aucune catégorie.</dd></dl>
<p class="muted">Les cases détaillées ne comptent que les valeurs publiées par les structures ; les totaux sont exacts pour les structures prises en compte.</p>`;
  const content =
    level === undefined
      ? '<p>Aucune donnée pour cette période.</p>'
      : `<h2>${escapeHtml(level.label)} — ${escapeHtml(report?.periodLabel ?? '')}</h2>
<p>${formatCount(level.structures)} structure${level.structures > 1 ? 's' : ''} ont envoyé des statistiques pour cette période.
<a href="${p.base}/indicateurs.csv?${escapeHtml(query)}" download>Télécharger ce niveau au format CSV</a></p>
${vintageNote(report)}
${level.tables.map((t, i) => tableSection(t, `t${i}`)).join('\n')}`;
  return layout({
    base: p.base,
    title: 'Indicateurs',
    active: 'indicateurs',
    csrfToken: p.csrfToken,
    body: `<h1>Indicateurs agrégés</h1>\n${filters}\n${content}\n${legend}`,
  });
}

function valueText(c: ReportCell | undefined): string {
  if (c === undefined) return '—';
  if (c.value === null) return `<span class="flag" title="${escapeHtml(FLAG_LABELS[c.flag])}">masqué (${c.flag})</span>`;
  return formatCount(c.value);
}

function tableSection(t: ReportTable, id: string): string {
  const exclusions = [
    t.excluded.withheld > 0 ? `${t.excluded.withheld} n’ont pas pu diffuser ce tableau` : '',
    t.excluded.hiddenTotal > 0 ? `${t.excluded.hiddenTotal} ont un effectif total masqué` : '',
    t.excluded.otherDefinition > 0 ? `${t.excluded.otherDefinition} utilisent une autre version du catalogue` : '',
    t.excluded.absent > 0 ? `${t.excluded.absent} ne l’ont pas transmis` : '',
  ].filter((x) => x !== '');
  const header = `<section aria-labelledby="${id}-h"><h3 id="${id}-h">${escapeHtml(t.title)}</h3>
${t.description === null ? '' : `<p class="muted">${escapeHtml(t.description)}</p>`}
<p>Structures prises en compte : ${formatCount(t.contributingStructures)}${exclusions.length > 0 ? ` (non comptées : ${escapeHtml(exclusions.join(', '))})` : ''}.</p>`;
  if (t.status === 'withheld') return `${header}<p><strong>Non diffusé</strong> : ${escapeHtml(FLAG_LABELS.N)}.</p></section>`;
  const byKey = new Map(t.cells.map((c) => [coordsKey(c.coords), c]));
  const chart = catalogueTable(t.id)?.role === 'link' ? '' : chartOf(t, byKey, id);
  return `${header}${chart}${dataTable(t, byKey)}</section>`;
}

function chartOf(t: ReportTable, byKey: ReadonlyMap<string, ReportCell>, id: string): string {
  const first = t.dimensions[0];
  if (first === undefined) return '';
  const rest = t.dimensions.slice(1).map(() => MARGIN);
  const bars: Bar[] = [...first.categories.map((c) => ({ code: c.code, label: c.label })), { code: NON_VENTILE, label: 'Non ventilé' }]
    .map(({ code, label }) => ({ label, cell: byKey.get(coordsKey([code, ...rest])) }))
    .filter((b) => b.cell !== undefined && !(b.cell.nonVentile && b.cell.value === 0))
    .map((b) => ({ label: b.label, value: b.cell?.value ?? null, maskedText: `masqué (${b.cell?.flag ?? '?'})` }));
  return barChart(`${id}-g`, `${t.title} : répartition par ${first.label.toLowerCase()} (valeurs dans le tableau ci-dessous)`, bars);
}

function dataTable(t: ReportTable, byKey: ReadonlyMap<string, ReportCell>): string {
  const dims = t.dimensions;
  const caption = `<caption>${escapeHtml(t.title)}</caption>`;
  const axis = (d: number) => [
    ...(dims[d]?.categories ?? []).map((c) => ({ code: c.code, label: c.label, nv: false })),
    { code: NON_VENTILE, label: 'Non ventilé', nv: true },
    { code: MARGIN, label: dims[d]?.totalLabel ?? 'Ensemble', nv: false },
  ];
  if (dims.length === 1) {
    const rows = axis(0)
      .filter((r) => byKey.has(coordsKey([r.code])))
      .map((r) => `<tr${r.nv ? ' class="nv"' : ''}><th scope="row">${escapeHtml(r.label)}</th><td class="num">${valueText(byKey.get(coordsKey([r.code])))}</td></tr>`)
      .join('');
    return `<table>${caption}<thead><tr><th scope="col">${escapeHtml(dims[0]?.label ?? '')}</th><th scope="col" class="num">Effectif</th></tr></thead><tbody>${rows}</tbody></table>`;
  }
  if (dims.length === 2) {
    const cols = axis(1);
    const head = `<tr><th scope="col">${escapeHtml(dims[0]?.label ?? '')} \\ ${escapeHtml(dims[1]?.label ?? '')}</th>${cols.map((c) => `<th scope="col" class="num${c.nv ? ' nv' : ''}">${escapeHtml(c.label)}</th>`).join('')}</tr>`;
    const rows = axis(0)
      .map(
        (r) =>
          `<tr${r.nv ? ' class="nv"' : ''}><th scope="row">${escapeHtml(r.label)}</th>${cols
            .map((c) => `<td class="num${c.nv ? ' nv' : ''}">${valueText(byKey.get(coordsKey([r.code, c.code])))}</td>`)
            .join('')}</tr>`,
      )
      .join('');
    return `<table>${caption}<thead>${head}</thead><tbody>${rows}</tbody></table>`;
  }
  const head = `<tr>${dims.map((d) => `<th scope="col">${escapeHtml(d.label)}</th>`).join('')}<th scope="col" class="num">Effectif</th></tr>`;
  const rows = t.cells
    .map((c) => `<tr${c.nonVentile ? ' class="nv"' : ''}>${c.labels.map((l) => `<td>${escapeHtml(l)}</td>`).join('')}<td class="num">${valueText(c)}</td></tr>`)
    .join('');
  return `<table>${caption}<thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

export type { ReportLevel };
