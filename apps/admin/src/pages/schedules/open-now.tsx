import { useEffect, useState } from 'react';
import { evaluateSchedule, type Schedule } from '@switchboard/domain';

const REASONS = {
  weekly: 'weekly hours',
  override: 'special hours',
  holiday: 'holiday',
  closed: 'outside its hours',
} as const;

/**
 * Whether the schedule is open right now, judged by libs/domain's rules on the schedule's zone
 * (or the property's), checked again every half minute.
 */
export function OpenNow({ schedule, fallbackTimeZone }: { schedule: Schedule; fallbackTimeZone: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  let verdict;
  try {
    verdict = evaluateSchedule(schedule, now, fallbackTimeZone);
  } catch {
    return <span className="badge">unknown zone</span>;
  }
  const name = schedule.name ?? schedule.id;
  const local = `${String(verdict.local.hour).padStart(2, '0')}:${String(verdict.local.minute).padStart(2, '0')}`;
  return (
    <span
      className={verdict.open ? 'badge badge-ok' : 'badge badge-off'}
      title={`${local} ${verdict.timeZone}`}
      aria-label={`${name} is ${verdict.open ? 'open' : 'closed'} now (${REASONS[verdict.reason]}, ${local} ${verdict.timeZone})`}
    >
      {verdict.open ? 'Open now' : 'Closed now'}
      {verdict.reason === 'holiday' || verdict.reason === 'override' ? ` (${REASONS[verdict.reason]})` : ''}
    </span>
  );
}
