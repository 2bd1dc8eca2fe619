// Synthetic caseload CSV for the import benchmark.
const LAST = ['Martin', 'Bernard', 'Lefèvre', 'N’Diaye', 'Da Silva', 'Nguyen', 'Moreau', 'Benali', 'Kowalski', 'Le Gall'];
const FIRST = ['Hélène', 'Jérôme', 'Fatou', 'Mohamed', 'Chloé', 'Loïc', 'Aïcha', 'Jean-Pierre', 'Inès', 'Noé'];
const COMMUNES = ['Lille (59000)', 'Roubaix', 'Tourcoing', '59100', 'Villeneuve-d’Ascq', 'Douai', 'Valenciennes', 'Dunkerque'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A caseload file as a French Excel saves it (`;`, CRLF), every row valid for an ACI. */
export function caseloadCsv(rows: number): string {
  const lines = ['Nom;Prénom;Sexe;Date de naissance;Date d’entrée;Référent;Commune;Téléphone;E-mail;N° PASS IAE;Début PASS;Type de contrat;Début contrat;Fin contrat;Heures hebdo;Niveau de formation;RSA;RQTH'];
  for (let i = 0; i < rows; i += 1) {
    const last = `${LAST[i % LAST.length]}${i}`;
    const first = FIRST[(i * 7) % FIRST.length];
    const y = 1965 + (i % 40);
    const m = 1 + (i % 12);
    const d = 1 + (i % 28);
    const entry = `${pad(d)}/${pad(m)}/${2021 + (i % 5)}`;
    lines.push(
      [last, first, i % 2 ? 'F' : 'H', `${pad(d)}/${pad(m)}/${y}`, entry, `Référente ${i % 4}`, COMMUNES[i % COMMUNES.length], '06 39 98 12 34',
        `p${i}@exemple.fr`, `99999${String(21 + (i % 5))}${String(i).padStart(5, '0')}`, entry, 'CDDI', entry, `${pad(d)}/${pad(m)}/${2022 + (i % 5)}`, '26',
        i % 3 ? 'CAP' : 'sans diplôme', i % 3 === 0 ? 'oui' : 'non', i % 10 === 0 ? 'oui' : 'non'].join(';'),
    );
  }
  return lines.join('\r\n');
}
