// The booking page (网上预约, /book/): pick a service that takes appointments, a working day, a free
// slot (full ones disabled; the hub leaves out past ones), give a name and phone (+ ID number),
// get the 6-digit check-in code; or cancel a booking with its code after a confirm step. Every
// refusal is shown as the hub wrote it. No sign-in: the hub rate-limits the public namespace.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AppointmentView, SlotView } from '../../../main/protocol/index.js';
import { ask } from '../../../main/protocol/ask.js';
import { fetchHall, type HallInfo, type ServiceInfo } from '../lib/api.js';
import { clock, dateText, digits, shortDateText } from '../lib/format.js';
import { connectHub, COMMAND_TIMEOUT_MS, type HubConnection } from '../lib/hub.js';
import { t } from '../lib/i18n.js';
import { ConnectionBanner, mount } from '../lib/ui.js';
import { validateBooking, type BookingForm, type FormErrors } from './validate.js';
import './book.css';

// Noon UTC falls on the same calendar date in every zone from UTC−11 to UTC+11.
const noonOf = (date: string) => Date.parse(`${date}T12:00:00Z`);
const slotText = (start: number, minutes: number) => `${clock(start)}–${clock(start + minutes * 60_000)}`;

type SlotsState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; slots: readonly SlotView[] } | { kind: 'error'; message: string };

function useSlots(hub: HubConnection<'public'>, service: ServiceInfo | undefined, date: string | undefined, reload: number): SlotsState {
  const [state, setState] = useState<SlotsState>({ kind: 'idle' });
  useEffect(() => {
    if (!service || !date) return setState({ kind: 'idle' });
    let live = true;
    setState({ kind: 'loading' });
    // appointment:slots is a query without a requestId, so it goes straight to the socket.
    ask(hub.socket, COMMAND_TIMEOUT_MS, 'appointment:slots', { serviceCode: service.code, date })
      .then(
        (r) => live && setState(r.ok ? { kind: 'ready', slots: r.slots } : { kind: 'error', message: r.message }),
        () => live && setState({ kind: 'error', message: t('common.timeout') }),
      );
    return () => void (live = false);
  }, [hub, service, date, reload]);
  return state;
}

function BookTab({ hub, hall }: { hub: HubConnection<'public'>; hall: HallInfo }) {
  const services = hall.services.filter((s) => s.appointment);
  const days = hall.appointments?.days ?? [];
  const [service, setService] = useState<ServiceInfo | undefined>(services.length === 1 ? services[0] : undefined);
  const [date, setDate] = useState<string | undefined>();
  const [slot, setSlot] = useState<number | undefined>();
  const [form, setForm] = useState<BookingForm>({ name: '', phone: '', idNumber: '' });
  const [errors, setErrors] = useState<FormErrors>({});
  const [refusal, setRefusal] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [booked, setBooked] = useState<{ appointment: AppointmentView; service: ServiceInfo; name: string } | undefined>();
  const [reload, setReload] = useState(0);
  const slots = useSlots(hub, service, date, reload);

  if (booked) return <Booked {...booked} hall={hall} onAnother={() => (setBooked(undefined), setSlot(undefined), setReload((n) => n + 1))} />;

  const submit = async (e: Event) => {
    e.preventDefault();
    setRefusal(undefined);
    const found = validateBooking(form);
    setErrors(found);
    if (!service || slot === undefined) return setRefusal(t('book.pickSlot'));
    if (Object.keys(found).length) return;
    setBusy(true);
    const idNumber = form.idNumber.trim().toUpperCase();
    const r = await hub.command('appointment:book', {
      serviceCode: service.code,
      slotStart: slot,
      name: form.name.trim(),
      phone: form.phone.trim(),
      ...(idNumber && { idNumber }),
    });
    setBusy(false);
    if (r.ok && r.appointment) setBooked({ appointment: r.appointment, service, name: form.name.trim() });
    else {
      setRefusal(r.ok ? t('common.timeout') : r.message);
      setSlot(undefined);
      setReload((n) => n + 1); // the slot may have filled meanwhile: show the hub's current picture
    }
  };
  const field = (key: keyof BookingForm, label: string, props: Record<string, string>) => (
    <label class="b-field">
      <span>{label}</span>
      <input
        name={key}
        value={form[key]}
        onInput={(e) => setForm({ ...form, [key]: (e.target as HTMLInputElement).value })}
        aria-invalid={errors[key] ? 'true' : 'false'}
        {...props}
      />
      {errors[key] && <em class="b-error" data-error={key}>{errors[key]}</em>}
    </label>
  );

  if (services.length === 0) return <p class="b-empty">{t('book.noServices')}</p>;
  return (
    <form class="b-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('book.stepService')}</h2>
      <div class="b-choices">
        {services.map((s) => (
          <button type="button" key={s.code} class="b-choice" aria-pressed={service?.code === s.code} onClick={() => (setService(s), setSlot(undefined))}>
            {s.name}
          </button>
        ))}
      </div>
      <h2>{t('book.stepDate')}</h2>
      {days.length === 0 ? (
        <p class="b-empty">{t('book.noDays')}</p>
      ) : (
        <div class="b-choices b-days">
          {days.map((d) => (
            <button type="button" key={d} class="b-choice" data-date={d} aria-pressed={date === d} onClick={() => (setDate(d), setSlot(undefined))}>
              {shortDateText(noonOf(d))}
              {d === hall.day && <small>{t('book.today')}</small>}
            </button>
          ))}
        </div>
      )}
      <h2>{t('book.stepSlot')}</h2>
      {slots.kind === 'loading' && <p class="b-empty">{t('book.loadingSlots')}</p>}
      {slots.kind === 'error' && <p class="b-refusal" role="alert">{slots.message}</p>}
      {slots.kind === 'ready' && slots.slots.length === 0 && <p class="b-empty">{t('book.noSlots')}</p>}
      {slots.kind === 'ready' && service?.appointment && (
        <div class="b-slots">
          {slots.slots.map((s) => {
            const left = s.capacity - s.booked;
            return (
              <button
                type="button"
                key={s.slotStart}
                class="b-slot"
                data-slot={s.slotStart}
                disabled={left <= 0}
                aria-pressed={slot === s.slotStart}
                onClick={() => setSlot(s.slotStart)}
              >
                <b>{slotText(s.slotStart, service.appointment!.slotMinutes)}</b>
                <small>{left > 0 ? t('book.left', { n: left }) : t('book.full')}</small>
              </button>
            );
          })}
        </div>
      )}
      <h2>{t('book.stepPerson')}</h2>
      {field('name', t('book.name'), { autocomplete: 'name', maxLength: '20' })}
      {field('phone', t('book.phone'), { inputMode: 'numeric', autocomplete: 'tel', maxLength: '11' })}
      {field('idNumber', t('book.idNumber'), { maxLength: '18', autocomplete: 'off' })}
      <p class="b-hint">{t('book.idNumberHint')}</p>
      {service && date && slot !== undefined && service.appointment && (
        <p class="b-chosen">{t('book.chosen', { service: service.name, date: shortDateText(noonOf(date)), time: slotText(slot, service.appointment.slotMinutes) })}</p>
      )}
      {refusal && <p class="b-refusal" role="alert" data-testid="refusal">{refusal}</p>}
      <button type="submit" class="b-primary" disabled={busy}>{busy ? t('book.submitting') : t('book.submit')}</button>
    </form>
  );
}

function Booked({ appointment: a, service, name, hall, onAnother }: { appointment: AppointmentView; service: ServiceInfo; name: string; hall: HallInfo; onAnother: () => void }) {
  return (
    <section class="b-done" data-screen="booked">
      <h2>{t('book.success')}</h2>
      <p class="b-label">{t('book.yourCode')}</p>
      <p class="b-code" data-testid="booking-code">{a.code}</p>
      <p class="b-save">{t('book.saveCode')}</p>
      <dl>
        <dt>{t('book.when')}</dt>
        <dd data-testid="booking-when">{dateText(a.slotStart)} {slotText(a.slotStart, a.slotMinutes)}</dd>
        <dt>{t('book.service')}</dt>
        <dd>{service.name}</dd>
        <dt>{t('book.person')}</dt>
        <dd>{a.nameMasked || name} · {a.phoneMasked}</dd>
      </dl>
      <p class="b-reminder">
        {t('book.reminder', { early: hall.appointments?.earlyMinutes ?? 30, late: hall.appointments?.lateMinutes ?? 15 })}
      </p>
      <button type="button" class="b-secondary" onClick={onAnother}>{t('book.another')}</button>
    </section>
  );
}

function CancelTab({ hub, hall }: { hub: HubConnection<'public'>; hall: HallInfo }) {
  const [code, setCode] = useState('');
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<AppointmentView | undefined>();
  const [busy, setBusy] = useState(false);
  if (done) {
    const service = hall.services.find((s) => s.code === done.serviceCode);
    return (
      <section class="b-done" data-screen="cancelled">
        <h2>{t('book.cancelled')}</h2>
        <p>{t('book.cancelledDetail', { service: service?.name ?? done.serviceCode, date: dateText(done.slotStart), time: slotText(done.slotStart, done.slotMinutes) })}</p>
      </section>
    );
  }
  const ask = (e: Event) => {
    e.preventDefault();
    setError(undefined);
    if (!/^\d{6}$/.test(code)) return setError(t('book.cancelCodeError'));
    setAsking(true);
  };
  const confirm = async () => {
    setBusy(true);
    const r = await hub.command('appointment:cancel', { code });
    setBusy(false);
    setAsking(false);
    if (r.ok && r.appointment) setDone(r.appointment);
    else setError(r.ok ? t('common.timeout') : r.message);
  };
  return (
    <form class="b-form" onSubmit={ask} noValidate>
      <label class="b-field">
        <span>{t('book.cancelCode')}</span>
        <input name="code" inputMode="numeric" maxLength={6} value={code} onInput={(e) => setCode(digits((e.target as HTMLInputElement).value))} />
      </label>
      {error && <p class="b-refusal" role="alert" data-testid="refusal">{error}</p>}
      {asking ? (
        <div class="b-confirm" role="dialog" aria-modal="true">
          <p>{t('book.cancelAsk', { code })}</p>
          <div class="b-row">
            <button type="button" class="b-danger" disabled={busy} onClick={() => void confirm()}>{t('book.cancelConfirm')}</button>
            <button type="button" class="b-secondary" onClick={() => setAsking(false)}>{t('book.cancelBack')}</button>
          </div>
        </div>
      ) : (
        <button type="submit" class="b-primary">{t('book.cancelGo')}</button>
      )}
    </form>
  );
}

function BookPage() {
  const hub = useMemo(() => connectHub('public', {}), []);
  const [hall, setHall] = useState<HallInfo | undefined>();
  const [failed, setFailed] = useState(false);
  const [tab, setTab] = useState<'book' | 'cancel'>('book');
  useEffect(() => {
    void fetchHall().then(setHall, () => setFailed(true));
  }, []);
  return (
    <main class="b-page">
      <ConnectionBanner hub={hub} />
      <header class="b-head">
        <h1>{t('book.title')}</h1>
        <p>{hall ? `${hall.name} · ${t('book.subtitle')}` : t('book.subtitle')}</p>
      </header>
      <nav class="b-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'book'} onClick={() => setTab('book')}>{t('book.tabBook')}</button>
        <button type="button" role="tab" aria-selected={tab === 'cancel'} onClick={() => setTab('cancel')}>{t('book.tabCancel')}</button>
      </nav>
      {!hall ? (
        <p class="b-empty">{failed ? t('common.networkError') : t('common.loading')}</p>
      ) : tab === 'book' ? (
        <BookTab hub={hub} hall={hall} />
      ) : (
        <CancelTab hub={hub} hall={hall} />
      )}
    </main>
  );
}

document.title = t('book.title');
mount(<BookPage />);
