// The top navigation's menus are <details>: they work without script. This closes an open
// menu when another one opens, on a click elsewhere and on Escape, as people expect of menus.
document.addEventListener("click", (event) => {
  const inside = event.target.closest(".navmenu");
  document.querySelectorAll(".navmenu[open]").forEach((menu) => {
    if (menu !== inside) menu.removeAttribute("open");
  });
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    document.querySelectorAll(".navmenu[open]").forEach((menu) => menu.removeAttribute("open"));
  }
});
