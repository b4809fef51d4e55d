// The nbconvert template `tsnwb install` registers, `tsnwb-lab`: the standard `lab` HTML template,
// except for notebooks that show tsnwb views. nbconvert prefers the widget-view mime type whenever a
// notebook stores widget state, and the lab template then writes a placeholder filled by a widget
// manager loaded from a CDN: offline, an empty box. Here a widget output that carries a still figure
// (every tsnwb view's output does) is drawn as that image, the figure the kernel drew from the file
// at full resolution. Our widget bundle is inlined (as in report.html, no network), and a button
// makes the views interactive on request: live views redrawn from the state stored in the notebook,
// which for traces is a decimated overview, so the still figure stays the default. Other outputs
// render exactly as with `lab`.
import { readEmbedBundle } from "../bundle-source.js";

export const TEMPLATE_NAME = "tsnwb-lab";
/** The inlined bundle's template file (written at install from the built bundle). */
const BUNDLE_FILE = "tsnwb-widgets-bundle.html.j2";
const WIDGET_MODULE = "tsnwb-widgets";

const INDEX = `{#- ${TEMPLATE_NAME}: the lab template; tsnwb views drawn from their still figures, interactive on request through the inlined bundle (installed by \`tsnwb install\`). -#}
{%- extends 'lab/index.html.j2' -%}

{#- Whether the notebook's stored widget state holds tsnwb views: then our bundle renders them (and no CDN loader is written). -#}
{%- macro tsnwb_page() -%}
{%- set found = namespace(views=false) -%}
{%- for model in ((nb.metadata.get('widgets') or {}).get('application/vnd.jupyter.widget-state+json') or {}).get('state', {}).values() -%}
{%- if model.get('model_module') == '${WIDGET_MODULE}' %}{% set found.views = true %}{% endif -%}
{%- endfor -%}
{{- 'yes' if found.views else '' -}}
{%- endmacro -%}

{%- block jupyter_widgets -%}
{%- if tsnwb_page() -%}
<style type="text/css">
/* Still figures until the reader asks for interactive views; back to them if those fail. */
body[data-tsnwb-live] .tsnwb-still-figure > img.tsnwb-still { display: none; }
body[data-tsnwb-rendered="error"] .tsnwb-still-figure > img.tsnwb-still { display: inline; }
body[data-tsnwb-rendered="error"] .tsnwb-still-figure > .widget-subarea { display: none; }
/* The lab page lays outputs out as table cells, which grow with their content; a live view sizes
   itself to its container, so without a bound the two would widen each other. */
.tsnwb-still-figure { width: 100%; max-width: 0; overflow-x: auto; }
.tsnwb-live-button { position: fixed; top: 8px; right: 8px; z-index: 100; font: 13px sans-serif; padding: 4px 10px; }
</style>
{%- else -%}
{{ super() }}
{%- endif -%}
{%- endblock jupyter_widgets -%}

{%- block data_widget_view scoped -%}
{%- set view = output.data['application/vnd.jupyter.widget-view+json'] -%}
{%- if 'image/svg+xml' in output.data or 'image/png' in output.data -%}
{#- An <img> rather than inline SVG: each figure keeps its own ids (clip paths, gradients) and runs no script. -#}
<div class="jupyter-widgets jp-OutputArea-output tsnwb-still-figure {{ extra_class }}" data-model-id="{{ view.model_id | escape_html }}">
{%- if 'image/svg+xml' in output.data %}
<img class="tsnwb-still" src="data:image/svg+xml;base64,{{ output.data['image/svg+xml'] | text_base64 }}" alt="{{ output.data['text/plain'] | escape_html }}" style="max-width: 100%; height: auto;">
{%- else %}
{%- set width = output | get_metadata('width', 'image/png') -%}
{%- set height = output | get_metadata('height', 'image/png') %}
<img class="tsnwb-still" src="data:image/png;base64,{{ output.data['image/png'] }}"{% if width %} width="{{ width }}"{% endif %}{% if height %} height="{{ height }}"{% endif %} alt="{{ output.data['text/plain'] | escape_html }}" style="max-width: 100%; height: auto;">
{%- endif %}
{%- if tsnwb_page() %}
<script type="application/vnd.jupyter.widget-view+json">{{ view | json_dumps | escape_html_keep_quotes }}</script>
{%- endif %}
</div>
{%- else -%}
{{ super() }}
{%- endif -%}
{%- endblock data_widget_view -%}

{%- block footer_js -%}
{{ super() }}
{%- if tsnwb_page() %}
{#- The lab page loads require.js (when online); AMD-aware code in the bundle must not register itself with it. -#}
<script>window.__tsnwbDefine = window.define; window.define = undefined;</script>
{% include '${BUNDLE_FILE}' %}
<script>window.define = window.__tsnwbDefine; delete window.__tsnwbDefine;</script>
<button type="button" class="tsnwb-live-button" hidden title="Redraw the views from the data stored in this notebook, with zoom, selection and playback (traces from their stored overview)">Interactive views</button>
<script>
(function () {
  var button = document.querySelector(".tsnwb-live-button");
  if (!button || !window.tsnwbWidgets) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    document.body.dataset.tsnwbLive = "true";
    window.tsnwbWidgets.renderEmbedded().then(function () {
      button.textContent = "Interactive views (from the stored data)";
    }, function (e) {
      document.body.dataset.tsnwbRendered = "error";
      button.textContent = "Interactive views failed: still figures shown";
      console.error("tsnwb: could not render the stored widgets", e);
    });
  });
})();
</script>
{%- endif %}
{%- endblock footer_js -%}
`;

/** The inlined bundle as a template file: raw (no Jinja inside), `</script` escaped as in report.html. */
function bundleFile(): string {
  let bundle: string;
  try {
    bundle = readEmbedBundle();
  } catch {
    // Not built: pages show the still figures only.
    return "{# the widget bundle was not built when tsnwb install ran: views are shown as still figures #}\n";
  }
  const script = `<script data-tsnwb-auto="false">${bundle.replace(/<\/script/gi, "<\\/script")}</script>`;
  if (script.includes("endraw"))
    throw new Error(
      "the widget bundle contains 'endraw', which would end its raw block in the nbconvert template",
    );
  return `{% raw %}${script}{% endraw %}\n`;
}

/** File name → content of the template directory. */
export function templateFiles(): Record<string, string> {
  return {
    "conf.json":
      JSON.stringify({ base_template: "lab", mimetypes: { "text/html": true } }, null, 2) + "\n",
    "index.html.j2": INDEX,
    [BUNDLE_FILE]: bundleFile(),
  };
}
