// The bot's conversation before the handoff, shown to operators above the live thread and in the ticket timeline:
// collapsed to the last turns, the rest one click away. No state of its own (a <details>), so it renders on the
// server (ticket page) and in the dashboard alike.
import type { BotHandoff } from "@/lib/schemas/escalation";

const VISIBLE_TURNS = 3;

export interface BotTranscriptLabels {
  title: string;
  earlier: (count: number) => string;
  user: string;
  bot: string;
  confidence: (percent: number) => string;
  intent: (intent: string) => string;
}

function Turn({ turn, labels }: { turn: BotHandoff["transcript"][number]; labels: BotTranscriptLabels }) {
  return (
    <li className={`flex ${turn.role === "bot" ? "justify-end" : "justify-start"}`}>
      <p className={`max-w-[85%] rounded-lg px-2.5 py-1.5 text-sm whitespace-pre-wrap ${turn.role === "bot" ? "bg-violet-100 text-violet-950" : "bg-white text-slate-900"}`}>
        <span className="mr-1 text-xs font-semibold">{turn.role === "bot" ? labels.bot : labels.user}:</span>
        {turn.text}
      </p>
    </li>
  );
}

export function BotTranscript({ handoff, labels }: { handoff: BotHandoff; labels: BotTranscriptLabels }) {
  const earlier = handoff.transcript.slice(0, Math.max(0, handoff.transcript.length - VISIBLE_TURNS));
  const recent = handoff.transcript.slice(-VISIBLE_TURNS);
  return (
    <section aria-label={labels.title} className="border-b border-violet-200 bg-violet-50 px-4 py-2" data-testid="bot-transcript">
      <p className="flex flex-wrap items-baseline gap-x-3 text-xs font-semibold text-violet-900">
        <span>{labels.title}</span>
        {handoff.intent ? <span className="font-normal">{labels.intent(handoff.intent)}</span> : null}
        {handoff.confidence !== null ? <span className="font-normal">{labels.confidence(Math.round(handoff.confidence * 100))}</span> : null}
      </p>
      {earlier.length > 0 ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs text-violet-800 underline underline-offset-2">{labels.earlier(earlier.length)}</summary>
          <ol className="mt-1 space-y-1">
            {earlier.map((turn, i) => (
              <Turn key={`e${i}`} turn={turn} labels={labels} />
            ))}
          </ol>
        </details>
      ) : null}
      <ol className="mt-1 space-y-1">
        {recent.map((turn, i) => (
          <Turn key={`r${i}`} turn={turn} labels={labels} />
        ))}
      </ol>
    </section>
  );
}
