"""Every private name of Textual and Rich that :mod:`pathfinder.tui.compat` uses: where it is, why, and
what public API would replace it. ``tests/tui/test_compat.py`` checks each against the installed
versions (kept apart from the helpers so that start-up does not build this list)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrivateName:
    """One private name used here: where it is, the parameters it is called or overridden with, why, and
    what public API would replace it.

    ``parameters`` is None for a data attribute (checked on a fresh instance, or in the module) and
    ``("keyword",)`` for a private keyword argument of ``owner``'s constructor."""

    owner: str
    """``module:Class`` (or ``module`` for a module-level name)."""
    name: str
    parameters: tuple[str, ...] | None
    why: str
    replace_with: str


PRIVATE_NAMES: tuple[PrivateName, ...] = (
    PrivateName("textual.app:App", "_driver", None,
                "a hosted app lets go of its holding terminal and takes the visitor's (app_driver)",
                "App.suspend(), once it stops redirecting sys.stdout/sys.stderr for its block: the "
                "visitor's session sets sys.stderr to its log inside that block"),
    PrivateName("textual.app:App", "_load_screen_css", ("self", "screen"),
                "the wizard is the default screen when a plan is opened at start; Textual reads a "
                "screen's CSS only when it is pushed (load_screen_css)",
                "none in 8.2.8: a public App.load_screen_css, or reading default screens' CSS_PATH"),
    PrivateName("textual.app:App", "_handle_exception", ("self", "error"),
                "keep the user's work (draft) and log the traceback before the app ends (CrashHooks)",
                "none in 8.2.8: an App hook for unhandled errors"),
    PrivateName("textual.app:App", "_fatal_error", ("self",),
                "a short explanation instead of a traceback on exit (CrashHooks)",
                "none in 8.2.8; App.exit(message=...) shows a message but does not replace the traceback"),
    PrivateName("textual.app:App", "_exit_renderables", None,
                "where _fatal_error puts what is printed on exit (CrashHooks)",
                "App.exit(return_code=1, message=...) once _fatal_error can be replaced"),
    PrivateName("textual.app:App", "_close_messages_no_wait", ("self",),
                "how _fatal_error ends the app at once (CrashHooks)", "App.exit(), which waits"),
    PrivateName("textual.app:App", "_return_code", None,
                "the exit status after an unexpected error (70, set where _fatal_error ends the app)",
                "App.exit(return_code=70) once _fatal_error can be replaced"),
    PrivateName("textual.drivers.linux_driver:LinuxDriver", "_run_input_thread", ("self",),
                "no keyboard reader on a holding terminal, so handing it over is immediate (HandoverDriver)",
                "none in 8.2.8: a driver option to start without input"),
    PrivateName("textual.drivers.web_driver:WebDriver", "_input_reader", None,
                "a browser visitor's app drawn ahead: its reader made again on their socket "
                "(HandoverWebDriver)",
                "none in 8.2.8: WebDriver has no suspend/resume of its input"),
    PrivateName("textual.drivers.web_driver:WebDriver", "_key_thread", None,
                "a browser visitor's app drawn ahead: its input thread made again (HandoverWebDriver)",
                "none in 8.2.8: WebDriver has no suspend/resume of its input"),
    PrivateName("textual.drivers.web_driver:WebDriver", "_size", None,
                "a browser visitor's app drawn ahead: the size it resumes at (HandoverWebDriver)",
                "none in 8.2.8: a size argument to start_application_mode"),
    PrivateName("textual.drivers._input_reader", "InputReader", None,
                "a browser visitor's app drawn ahead: a reader of the socket now at fd 0 "
                "(HandoverWebDriver)",
                "none in 8.2.8: WebDriver has no suspend/resume of its input"),
    PrivateName("textual._context", "active_app", None,
                "the app a screen is built for, read before the screen exists (running_app)",
                "MessagePump.app, which needs the screen's node to exist (after Screen.__init__)"),
    PrivateName("rich.console:Console", "_environ", ("keyword",),
                "the colour system a terminal with another environment would get (color_system_for)",
                "none: Rich reads os.environ; a public environ argument to Console"),
    PrivateName("textual.css.stylesheet:Stylesheet", "_parse_rules",
                ("self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"),
                "one parse of each stylesheet per process (style_caches)",
                "none: Textual's parse cache is per Stylesheet"),
    PrivateName("textual.css.stylesheet:Stylesheet", "_variables", None,
                "the parse cache is keyed by the stylesheet's variables (style_caches)",
                "Stylesheet.set_variables has no getter; a public Stylesheet.variables"),
    PrivateName("textual.design:ColorSystem", "generate", ("self",),
                "a public method, but replaced process-wide to share a theme's colours (style_caches)",
                "none: a cache of generated colours in Textual"),
    PrivateName("textual.widgets:OptionList", "_update_lines", ("self",),
                "heights of options kept across refills (option_list)", "a public OptionList refill API"),
    PrivateName("textual.widgets:OptionList", "_get_option_render", ("self", "option", "style"),
                "rendered options kept across refills (option_list)", "a public OptionList refill API"),
    PrivateName("textual.widgets:OptionList", "_replace_option_prompt", ("self", "index", "prompt"),
                "a new prompt keeps the text-keyed caches (option_list)", "OptionList.replace_option_prompt"),
    PrivateName("textual.widgets:OptionList", "_clear_caches", ("self",),
                "after a new prompt (option_list)", "OptionList.replace_option_prompt"),
    PrivateName("textual.widgets:OptionList", "_get_left_gutter_width", ("self",),
                "the width an option is drawn at (option_list)", "none"),
    PrivateName("textual.widgets:OptionList", "_get_visual", ("self", "option"),
                "an option's visual, measured and drawn (option_list)", "none"),
    PrivateName("textual.widgets:OptionList", "_on_click", ("self", "event"),
                "a click finds its option from the line under the mouse, not strip metadata (option_list)",
                "none: OptionList reads the option index from the rendered strips"),
    PrivateName("textual.widgets:OptionList", "_on_mouse_move", ("self", "event"),
                "hover, as for _on_click (option_list)", "none"),
    PrivateName("textual.widgets:OptionList", "_line_cache", None,
                "the table of lines the list draws (option_list)", "none"),
    PrivateName("textual.widgets:OptionList", "_option_render_cache", None,
                "rendered options (option_list)", "none"),
    PrivateName("textual.widgets:OptionList", "_options", None,
                "whether a clicked option is disabled (option_list)", "OptionList.get_option_at_index"),
    PrivateName("textual.widgets:OptionList", "_mouse_hovering_over", None,
                "the hovered option (option_list)", "none"),
    PrivateName("textual.widgets.option_list:Option", "_divider", None,
                "an option followed by a separator line (option_list)", "none"),
    PrivateName("textual.widgets.option_list:Option", "_set_prompt", ("self", "prompt"),
                "a new prompt (option_list)", "OptionList.replace_option_prompt"),
    PrivateName("textual.widget:Widget", "_scroll_update", ("self", "virtual_size"),
                "a new scrollable size repaints instead of laying the screen out (option_list)", "none"),
    PrivateName("textual.widget:Widget", "_render_markup", None,
                "the description panel renders text as a Static would (option_list)", "none"),
)  # fmt: skip
