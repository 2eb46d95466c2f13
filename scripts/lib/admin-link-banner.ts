// The first admin's set-password link on the console, framed so it stands out from the server's own output.
// Used by `npm start` (once the server answers) and `npm run admin:link`.

export function adminLinkBanner(input: { email: string; url: string; created?: boolean }): string {
  const lines = [
    input.created ? `Created the admin account ${input.email}.` : `Admin account: ${input.email}`,
    "Open this one-time link to set its password and sign in:",
    "",
    input.url,
    "",
    "The link works once and expires in 3 days. For a new one: npm run admin:link",
  ];
  const width = Math.max(...lines.map((line) => line.length)) + 4;
  const rule = "═".repeat(width);
  return ["", `╔${rule}╗`, ...lines.map((line) => `║  ${line.padEnd(width - 2)}║`), `╚${rule}╝`, ""].join("\n");
}
