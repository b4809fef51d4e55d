// The nbconvert template `tsnwb install` registers: Debian's (and upstream's) `lab` HTML template,
// except that a widget output which carries a still figure (image/svg+xml or image/png, as every
// tsnwb view's output does) is drawn as that image. nbconvert otherwise prefers the widget-view mime
// type whenever the notebook stores widget state and then loads the widget manager from a CDN, so a
// page opened offline (or with the CDN blocked) shows an empty box. Widget outputs without a still
// figure, and every other output, are rendered by the lab template unchanged.
export const TEMPLATE_NAME = "tsnwb-lab";

export const TEMPLATE_FILES: Record<string, string> = {
  "conf.json": JSON.stringify({ base_template: "lab", mimetypes: { "text/html": true } }, null, 2) + "\n",
  "index.html.j2": `{#- ${TEMPLATE_NAME}: the lab template, with tsnwb widget outputs drawn from their still figure (installed by \`tsnwb install\`). -#}
{%- extends 'lab/index.html.j2' -%}

{%- block data_widget_view scoped -%}
{%- set view = output.data['application/vnd.jupyter.widget-view+json'] -%}
{%- if 'image/svg+xml' in output.data or 'image/png' in output.data -%}
{#- An <img> rather than inline SVG: each figure keeps its own ids (clip paths, gradients) and runs no script. -#}
<div class="jupyter-widgets jp-OutputArea-output tsnwb-still-figure {{ extra_class }}" data-model-id="{{ view.model_id | escape_html }}" data-mime-type="application/vnd.jupyter.widget-view+json">
{%- if 'image/svg+xml' in output.data %}
<img src="data:image/svg+xml;base64,{{ output.data['image/svg+xml'] | text_base64 }}" alt="{{ output.data['text/plain'] | escape_html }}" style="max-width: 100%; height: auto;">
{%- else %}
{%- set width = output | get_metadata('width', 'image/png') -%}
{%- set height = output | get_metadata('height', 'image/png') %}
<img src="data:image/png;base64,{{ output.data['image/png'] }}"{% if width %} width="{{ width }}"{% endif %}{% if height %} height="{{ height }}"{% endif %} alt="{{ output.data['text/plain'] | escape_html }}" style="max-width: 100%; height: auto;">
{%- endif %}
</div>
{%- else -%}
{{ super() }}
{%- endif -%}
{%- endblock data_widget_view -%}
`,
};
