/** 系统管理: the command center's administration, one section at a time (the sections are in sections.tsx). */
import { useState } from 'preact/hooks';
import { ADMIN_SECTIONS, type AdminSectionProps } from './sections';

export function AdminPage(props: AdminSectionProps) {
  const [current, setCurrent] = useState(ADMIN_SECTIONS[0].id);
  const section = ADMIN_SECTIONS.find((s) => s.id === current) ?? ADMIN_SECTIONS[0];
  return (
    <section class="admin">
      <nav class="sub no-print" aria-label="系统管理">
        {ADMIN_SECTIONS.map((s) => (
          <button type="button" key={s.id} data-testid={`admin-${s.id}`} aria-current={s.id === section.id ? 'page' : undefined} onClick={() => setCurrent(s.id)}>
            {s.name}
          </button>
        ))}
      </nav>
      {section.render(props)}
    </section>
  );
}
