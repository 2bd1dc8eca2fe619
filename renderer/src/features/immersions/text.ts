/** « Référent·e de la SIAE » → « référent·e de la SIAE »: lower-case the first letter only, acronyms stay. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
