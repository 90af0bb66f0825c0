// The check-in page (PWA): press -> device time + position + client uuid -> IndexedDB queue -> send.
// A punch stays queued until the server answers it (recorded, already recorded, or refused for good);
// the queue is sent on load, when the network returns ("online"), every 30 s, and on "Kirim ulang".
// Also: the "use my current location" button of the geofence form. No inline script (CSP).
(function () {
  "use strict";

  var DB_NAME = "pamong-checkin";
  var STORE = "punches";
  var INSTALL_KEY = "pamong-checkin-install-id";
  var RETRY_MS = 30000;
  var KEEP_DONE = 20; // answered punches kept for display

  function uuid4() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") { return window.crypto.randomUUID(); }
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function installId() {
    var id = null;
    try { id = window.localStorage.getItem(INSTALL_KEY); } catch (e) { id = null; }
    if (!id) {
      id = uuid4();
      try { window.localStorage.setItem(INSTALL_KEY, id); } catch (e) { /* private mode: a new id each load */ }
    }
    return id;
  }

  // -- IndexedDB ---------------------------------------------------------------------------------
  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = window.indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        var store = request.result.createObjectStore(STORE, { keyPath: "client_id" });
        store.createIndex("pressed", "punched_at");
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function tx(db, mode, work) {
    return new Promise(function (resolve, reject) {
      var t = db.transaction(STORE, mode);
      var result = work(t.objectStore(STORE));
      t.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : undefined); };
      t.onerror = function () { reject(t.error); };
    });
  }

  function all(db) {
    return new Promise(function (resolve, reject) {
      var request = db.transaction(STORE, "readonly").objectStore(STORE).getAll();
      request.onsuccess = function () {
        var rows = request.result || [];
        rows.sort(function (a, b) { return a.punched_at < b.punched_at ? -1 : 1; });
        resolve(rows);
      };
      request.onerror = function () { reject(request.error); };
    });
  }

  function put(db, row) { return tx(db, "readwrite", function (s) { return s.put(row); }); }
  function remove(db, key) { return tx(db, "readwrite", function (s) { return s.delete(key); }); }

  // -- the page ----------------------------------------------------------------------------------
  function checkinPage(root) {
    var status = document.getElementById("checkin-status");
    var list = document.getElementById("checkin-queue");
    var empty = document.getElementById("checkin-queue-empty");
    var net = document.getElementById("net-status");
    var msg = function (name) { return root.getAttribute("data-msg-" + name) || ""; };
    var label = function (name) { return root.getAttribute("data-label-" + name) || name; };
    var dbPromise = openDb();
    var sending = false;

    function say(text, tone) {
      status.textContent = text;
      status.className = "alert alert-" + (tone || "info");
    }

    function showNet() {
      var online = navigator.onLine;
      net.textContent = online ? label("online") : label("offline");
      net.className = "badge " + (online ? "text-bg-success" : "text-bg-secondary");
    }

    function render() {
      return dbPromise.then(all).then(function (rows) {
        list.textContent = "";
        rows.forEach(function (row) {
          var item = document.createElement("li");
          item.className = "list-group-item";
          item.setAttribute("data-testid", "queue-item");
          item.setAttribute("data-state", row.state);
          var pressed = new Date(row.punched_at);
          var head = document.createElement("div");
          head.className = "d-flex justify-content-between";
          var what = document.createElement("span");
          what.textContent = label(row.kind) + " · " + pressed.toLocaleDateString() + " " + pressed.toLocaleTimeString();
          var badge = document.createElement("span");
          var tone = row.state === "sent" ? "text-bg-success" : row.state === "refused" ? "text-bg-danger" : "text-bg-warning";
          badge.className = "badge " + tone;
          badge.setAttribute("data-testid", "queue-state");
          badge.textContent = label(row.state);
          head.appendChild(what);
          head.appendChild(badge);
          item.appendChild(head);
          if (row.answer) {
            var answer = document.createElement("div");
            answer.className = "small text-muted";
            answer.setAttribute("data-testid", "queue-answer");
            answer.textContent = row.answer;
            item.appendChild(answer);
          }
          list.appendChild(item);
        });
        empty.classList.toggle("d-none", rows.length > 0);
      });
    }

    function prune(db, rows) {
      var done = rows.filter(function (r) { return r.state !== "queued"; });
      var extra = done.slice(0, Math.max(0, done.length - KEEP_DONE));
      return Promise.all(extra.map(function (r) { return remove(db, r.client_id); }));
    }

    function sendOne(db, row) {
      var body = {
        client_id: row.client_id,
        punched_at: row.punched_at,
        sent_at: new Date().toISOString(), // the phone's clock now: the server checks it against its own
        latitude: row.latitude,
        longitude: row.longitude,
        accuracy_m: row.accuracy_m,
        is_mock: row.is_mock,
        client_device: row.client_device,
        kind: row.kind
      };
      return fetch(root.getAttribute("data-submit-url"), {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: { "Content-Type": "application/json", "X-CSRFToken": root.getAttribute("data-csrf") },
        body: JSON.stringify(body)
      }).then(function (response) {
        if (response.type === "opaqueredirect" || response.status === 401) {
          row.answer = msg("login");
          return put(db, row).then(function () { return "stop"; });
        }
        if (response.status >= 500) {
          row.answer = msg("server");
          row.tries = (row.tries || 0) + 1;
          return put(db, row).then(function () { return "stop"; });
        }
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (response.ok) {
            row.state = "sent";
            row.answer = data.message || "";
          } else if (data.code === "clock_skew" || response.status === 429 || response.status === 409) {
            row.answer = data.detail || msg("server"); // fix the clock: it is sent again, nothing lost
          } else {
            row.state = "refused";
            row.answer = data.detail || String(response.status);
          }
          return put(db, row).then(function () { return row.state; });
        });
      }, function () {
        row.answer = msg("queued");
        return put(db, row).then(function () { return "stop"; });
      });
    }

    var again = false;

    function flush() {
      if (sending) { again = true; return Promise.resolve(); }
      sending = true;
      again = false;
      return dbPromise.then(function (db) {
        return all(db).then(function (rows) {
          var queued = rows.filter(function (r) { return r.state === "queued"; });
          var chain = Promise.resolve("go");
          queued.forEach(function (row) {
            chain = chain.then(function (previous) {
              if (previous === "stop") { return "stop"; }
              return sendOne(db, row);
            });
          });
          return chain.then(function (last) {
            if (queued.length && last !== "stop") {
              var latest = queued[queued.length - 1];
              say(latest.answer || "", latest.state === "refused" ? "danger" : "success");
            } else if (last === "stop") {
              say(msg("queued"), "warning");
            }
            return all(db).then(function (after) { return prune(db, after); });
          });
        });
      }).then(render, render).then(function () {
        sending = false;
        if (again) { return flush(); } // a press while sending: send it now
      }, function () { sending = false; });
    }

    function press(kind, buttons) {
      var pressedAt = new Date().toISOString(); // the device time of the press, taken first
      var clientId = uuid4();
      buttons.forEach(function (b) { b.disabled = true; });
      say(msg("locating"), "info");
      var done = function () { buttons.forEach(function (b) { b.disabled = false; }); };
      if (!navigator.geolocation) { say(msg("no-location"), "danger"); done(); return; }
      navigator.geolocation.getCurrentPosition(function (position) {
        var c = position.coords;
        var row = {
          client_id: clientId,
          punched_at: pressedAt,
          latitude: c.latitude,
          longitude: c.longitude,
          accuracy_m: typeof c.accuracy === "number" ? c.accuracy : null,
          // Only some platforms (Android WebView wrappers) expose this; browsers do not.
          is_mock: Boolean(position.mocked || c.mocked || position.isMock || c.isMock),
          client_device: installId(),
          kind: kind,
          state: "queued",
          answer: msg("queued"),
          tries: 0
        };
        dbPromise.then(function (db) { return put(db, row); }).then(function () {
          say(navigator.onLine ? msg("sending") : msg("queued"), navigator.onLine ? "info" : "warning");
          return render();
        }).then(flush).then(done, done);
      }, function () {
        say(msg("no-location"), "danger");
        done();
      }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 });
    }

    var buttons = Array.prototype.slice.call(root.querySelectorAll("[data-checkin-kind]"));
    buttons.forEach(function (button) {
      button.addEventListener("click", function () { press(button.getAttribute("data-checkin-kind"), buttons); });
    });
    var retry = root.querySelector("[data-checkin-retry]");
    if (retry) { retry.addEventListener("click", flush); }
    window.addEventListener("online", function () { showNet(); flush(); });
    window.addEventListener("offline", showNet);
    window.setInterval(function () { if (navigator.onLine) { flush(); } }, RETRY_MS);
    showNet();
    render().then(flush);

    // Installable: the manifest link (base.html has no head block) and the service worker.
    var link = document.createElement("link");
    link.rel = "manifest";
    link.href = root.getAttribute("data-manifest-url");
    document.head.appendChild(link);
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register(root.getAttribute("data-sw-url"), { scope: root.getAttribute("data-sw-scope") })
        .catch(function () { /* no worker (http, old browser): the page still works online */ });
    }
  }

  // -- "use my current location" on the geofence form --------------------------------------------
  function geoFill(button) {
    button.addEventListener("click", function () {
      var note = document.querySelector("[data-geo-note]");
      if (!navigator.geolocation) { if (note) { note.textContent = button.getAttribute("data-msg-error"); } return; }
      navigator.geolocation.getCurrentPosition(function (position) {
        var lat = document.querySelector('[data-geo-target="latitude"]');
        var lon = document.querySelector('[data-geo-target="longitude"]');
        if (lat) { lat.value = position.coords.latitude.toFixed(6); }
        if (lon) { lon.value = position.coords.longitude.toFixed(6); }
        if (note) { note.textContent = "± " + Math.round(position.coords.accuracy) + " m"; }
      }, function () {
        if (note) { note.textContent = button.getAttribute("data-msg-error"); }
      }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("checkin");
    if (root) { checkinPage(root); }
    document.querySelectorAll("[data-geo-fill]").forEach(geoFill);
  });
})();
