/*
 * 督查组设置 (command center): each team's name, 组长, 联络员 and members with the county office each comes from.
 * The shared schema checks a team (one 组长, one 联络员, offices filled in) before it is sent.
 */
import { useState } from 'preact/hooks';
import { uuidv7 } from 'uuidv7';
import { errorMessage } from '../../lib/api';
import { TEAM_MEMBER_ROLES, TEAM_MEMBER_ROLE_NAMES, inspectionTeam, type InspectionTeam, type TeamMember } from '../../../shared/schemas/supervision';
import type { Session } from '../useSession';

const blankTeam = (): InspectionTeam => ({
  id: uuidv7(),
  name: '',
  members: [
    { name: '', office: '', role: 'leader' },
    { name: '', office: '', role: 'liaison' },
  ],
});

export function TeamsForm({ session, teams, onDone }: { session: Session; teams: InspectionTeam[]; onDone(message: string): void }) {
  const [team, setTeam] = useState<InspectionTeam>(teams[0] ?? blankTeam());
  const [error, setError] = useState<string | null>(null);
  const setMember = (i: number, change: Partial<TeamMember>) => setTeam({ ...team, members: team.members.map((m, j) => (j === i ? { ...m, ...change } : m)) });

  async function submit(e: Event) {
    e.preventDefault();
    const checked = inspectionTeam.safeParse(team);
    if (!checked.success) return setError(checked.error.issues[0].message);
    setError(null);
    try {
      await session.api.supervision.saveTeam.mutate(checked.data);
      onDone(`督查组“${checked.data.name}”已保存`);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form data-testid="teams-form" onSubmit={submit}>
      <label>选择督查组
        <select value={team.id} onChange={(e) => setTeam(teams.find((t) => t.id === e.currentTarget.value) ?? blankTeam())}>
          {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          <option value="">＋ 新建督查组</option>
        </select>
      </label>
      <label>督查组名称<input data-testid="team-name" value={team.name} maxLength={30} onInput={(e) => setTeam({ ...team, name: e.currentTarget.value })} /></label>
      <table>
        <thead><tr><th>身份</th><th>姓名</th><th>所在单位</th><th /></tr></thead>
        <tbody>
          {team.members.map((m, i) => (
            <tr key={i}>
              <td>
                <select value={m.role} onChange={(e) => setMember(i, { role: e.currentTarget.value as TeamMember['role'] })}>
                  {TEAM_MEMBER_ROLES.map((r) => <option key={r} value={r}>{TEAM_MEMBER_ROLE_NAMES[r]}</option>)}
                </select>
              </td>
              <td><input aria-label="姓名" value={m.name} maxLength={30} onInput={(e) => setMember(i, { name: e.currentTarget.value })} /></td>
              <td><input aria-label="所在单位" value={m.office} maxLength={60} onInput={(e) => setMember(i, { office: e.currentTarget.value })} /></td>
              <td><button type="button" class="link" onClick={() => setTeam({ ...team, members: team.members.filter((_, j) => j !== i) })}>移除</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setTeam({ ...team, members: [...team.members, { name: '', office: '', role: 'member' }] })}>＋ 添加组员</button>
      {error && <p class="error" role="alert">{error}</p>}
      <div class="sticky-actions"><button type="submit" data-testid="team-save">保存督查组</button></div>
    </form>
  );
}
