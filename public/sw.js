// Sportello's service worker: shows an operator's Web Push notifications (a chat assigned to them) while the
// dashboard is in the background or closed, and opens the dashboard on that chat when clicked.
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: "Sportello", body: event.data ? event.data.text() : "" };
  }
  const url = typeof data.url === "string" && data.url.startsWith("/") && !data.url.startsWith("//") ? data.url : "/operator";
  event.waitUntil(
    (async () => {
      // A dashboard in front already chimed and showed the chat: no second alert.
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      if (windows.some((client) => client.visibilityState === "visible" && new URL(client.url).pathname === "/operator")) return;
      await self.registration.showNotification(data.title || "Sportello", {
        body: data.body || "",
        tag: data.tag,
        renotify: Boolean(data.tag),
        requireInteraction: true,
        icon: "/favicon.ico",
        data: { url },
      });
    })(),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || "/operator";
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const dashboard = windows.find((client) => new URL(client.url).pathname === "/operator");
      if (dashboard) {
        await dashboard.focus();
        return dashboard.navigate(url);
      }
      return self.clients.openWindow(url);
    })(),
  );
});
