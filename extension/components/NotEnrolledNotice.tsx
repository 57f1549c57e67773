/** What an online page (dashboard, inspect page) shows a browser that is not enrolled yet. */
export function NotEnrolledNotice() {
  return (
    <main class="not-enrolled" data-testid="not-enrolled">
      <p>本浏览器尚未登记，请先在设置页输入登记码。</p>
      <a href="/options.html" target="_blank">
        打开设置页
      </a>
    </main>
  );
}
