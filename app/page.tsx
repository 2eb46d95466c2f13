import Link from "next/link";

export default function HomePage() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-3xl font-semibold">Sportello</h1>
      <p className="mt-3 text-slate-600">
        Quando il chatbot non sa rispondere, Sportello mette il cliente davanti a una persona: chat dal vivo, coda con
        posizione e attesa oneste, o un ticket via email e WhatsApp.
      </p>
      <ul className="mt-8 space-y-2">
        <li><Link className="text-brand-700 underline" href="/admin">Pannello admin</Link></li>
        <li><Link className="text-brand-700 underline" href="/operator">Dashboard operatore</Link></li>
        <li><Link className="text-brand-700 underline" href="/chat">Chat cliente</Link></li>
        <li><a className="text-brand-700 underline" href="/api/openapi.json">API (OpenAPI)</a></li>
      </ul>
    </main>
  );
}
