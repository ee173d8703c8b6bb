//! Bounds on what a template can make isagen do, so a user template that loops forever,
//! recurses or expands without end is a clear template error instead of a stack overflow, an
//! exhausted memory or a run that never finishes.
//!
//! - **Partials are checked before anything renders**: a partial name must be written out
//!   (`{{> name}}`, not computed with a subexpression), partial blocks (`{{#> name}}…`) are
//!   refused (Handlebars renders their body into an unbounded buffer), and partials that
//!   include one another in a loop (`x` includes `x`, or `a` includes `b` includes `a`) are
//!   refused with the loop spelled out. Handlebars itself only catches a template including
//!   itself directly; a longer loop overflowed the stack.
//! - **Nesting is bounded**: blocks, partial inclusions and subexpressions, counted through
//!   the partials, may nest at most [`MAX_NESTING`] levels, so rendering cannot overflow its
//!   thread's stack.
//! - **Work is budgeted**: every template element costs one step, a partial costs the steps
//!   of what it includes, and `{{#each}}` (replaced here by a copy of Handlebars' own helper)
//!   charges its length times the steps of its body before it starts. One document may take
//!   [`MAX_WORK`] steps; nested loops over the view fail at once rather than running for hours.
//! - **Output is bounded**: a document's Markdown may be at most [`MAX_OUTPUT_BYTES`]; the
//!   writer refuses the write that would pass it.

use std::cell::Cell;
use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::{
    BlockContext, BlockParams, Context, Handlebars, Helper, HelperDef, HelperResult, JsonValue,
    Output, Path, RenderContext, RenderError, RenderErrorReason, Renderable, to_json,
};

/// The most bytes of Markdown one document may render to: eight times the largest
/// definition, far above what the built-in templates make of one.
pub const MAX_OUTPUT_BYTES: usize = 64 * 1024 * 1024;

/// The deepest that blocks (`{{#if}}`, `{{#each}}`, …), partial inclusions and
/// subexpressions (`(lower x)`) may nest,
/// counted through the partials: each level is a recursive call when rendering, and the
/// rendering threads have ordinary stacks. The built-in templates nest at most 5 levels.
pub const MAX_NESTING: usize = 100;

/// The most template steps (elements rendered, loop iterations counted in full) one document
/// may take. The built-in templates take about one step for every 10 bytes of definition
/// (1,317 for the MASH example), so the largest definition needs about a tenth of this.
pub const MAX_WORK: u64 = 10_000_000;

/// Checks, before Handlebars parses it, that `text` nests blocks (`{{#if}}…{{/if}}`) and
/// subexpressions (`(lower (lower x))`) at most [`MAX_NESTING`] levels deep. Handlebars
/// parses both recursively, so a template nested thousands deep overflowed the stack while it
/// compiled. The count is of the text's tags, so it is never less than the real nesting.
pub fn check_nesting(text: &str) -> Result<(), String> {
    let bytes = text.as_bytes();
    let too_deep = |at: usize| {
        let line = text[..at].matches('\n').count() + 1;
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let column = text[start..at].chars().count() + 1;
        Err(format!(
            "{line}:{column}: blocks and subexpressions nest more than {MAX_NESTING} levels deep; close some blocks, or split the expression"
        ))
    };
    let mut blocks = 0usize;
    let mut i = 0;
    while let Some(offset) = text[i..].find("{{") {
        let open = i + offset;
        let mut j = open + 2;
        while bytes.get(j) == Some(&b'{') {
            j += 1;
        }
        if bytes.get(j) == Some(&b'~') {
            j += 1;
        }
        // A comment runs to its own end, whatever it holds.
        if bytes.get(j) == Some(&b'!') {
            let end = if text[j..].starts_with("!--") {
                "--}}"
            } else {
                "}}"
            };
            i = text[j..]
                .find(end)
                .map_or(bytes.len(), |e| j + e + end.len());
            continue;
        }
        match bytes.get(j) {
            Some(b'#') => blocks += 1,
            Some(b'^') if !matches!(bytes.get(j + 1), Some(b'}' | b'~')) => blocks += 1,
            Some(b'/') => blocks = blocks.saturating_sub(1),
            _ => {}
        }
        if blocks > MAX_NESTING {
            return too_deep(open);
        }
        // Subexpressions within the tag, outside its string literals.
        let mut parens = 0usize;
        let mut quote = None;
        while let Some(&b) = bytes.get(j) {
            match (quote, b) {
                (Some(q), _) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'(') => {
                    parens += 1;
                    if parens > MAX_NESTING {
                        return too_deep(j);
                    }
                }
                (None, b')') => parens = parens.saturating_sub(1),
                (None, b'}') if bytes.get(j + 1) == Some(&b'}') => break,
                _ => {}
            }
            j += 1;
        }
        i = j;
    }
    Ok(())
}

/// Why a set of templates was refused.
#[derive(Debug)]
pub struct TemplateProblem {
    /// The template (registered name) the problem is in.
    pub template: String,
    /// What is wrong, with line and column where known.
    pub message: String,
}

/// One node of the partial graph: a registered template or an inline partial.
#[derive(Default)]
struct Node {
    /// The registered template this node was found in.
    home: String,
    /// Steps of the node's own elements.
    own: u64,
    /// The deepest nesting of blocks among its own elements.
    depth: usize,
    /// The partials it includes, one entry per inclusion, with the nesting at that point.
    includes: Vec<(String, usize)>,
}

/// Checks the partial references of `templates` (by registered name) and returns the steps
/// each name costs to render once (loops counted once).
pub fn check_partials(
    templates: &[(&str, &Template)],
) -> Result<Arc<HashMap<String, u64>>, TemplateProblem> {
    let mut nodes: HashMap<String, Node> = HashMap::new();
    for (name, template) in templates {
        nodes.entry(name.to_string()).or_default().home = name.to_string();
        walk(template, name, name, 0, &mut nodes)?;
    }
    // Cycles, by depth-first search in name order (so the loop reported is stable).
    let mut names: Vec<&String> = nodes.keys().collect();
    names.sort();
    let mut state: HashMap<&str, u8> = HashMap::new(); // 1 on the path, 2 done
    let mut path: Vec<&str> = Vec::new();
    for name in &names {
        find_cycle(name, &nodes, &mut state, &mut path)?;
    }
    // Costs, now that the graph is known to be acyclic.
    let mut costs: HashMap<String, u64> = HashMap::new();
    let mut depths: HashMap<String, usize> = HashMap::new();
    for name in names {
        cost_of(name, &nodes, &mut costs);
        depth_of(name, &nodes, &mut depths);
    }
    for (name, _) in templates {
        if depths.get(*name).copied().unwrap_or(0) > MAX_NESTING {
            return Err(too_deep(name, &nodes, &depths));
        }
        if costs.get(*name).copied().unwrap_or(0) > MAX_WORK {
            return Err(TemplateProblem {
                template: name.to_string(),
                message: format!(
                    "its partials expand to more than {MAX_WORK} template steps; include fewer partials, or each fewer times"
                ),
            });
        }
    }
    Ok(Arc::new(costs))
}

fn place(template: &Template, index: usize) -> String {
    match template.mapping.get(index) {
        Some(mapping) => format!("{}:{}: ", mapping.0, mapping.1),
        None => String::new(),
    }
}

/// Records the elements of `template` (found in registered template `home`) against node
/// `node`.
fn walk(
    template: &Template,
    home: &str,
    node: &str,
    depth: usize,
    nodes: &mut HashMap<String, Node>,
) -> Result<(), TemplateProblem> {
    let problem = |index: usize, message: &str| TemplateProblem {
        template: home.to_string(),
        message: format!("{}{message}", place(template, index)),
    };
    // Stop at the limit rather than recurse as deep as the template goes.
    let too_deep = |index: usize| {
        problem(
            index,
            &format!(
                "blocks and partial inclusions nest more than {MAX_NESTING} levels deep; close some blocks, or include partials less deeply"
            ),
        )
    };
    if depth > MAX_NESTING {
        return Err(too_deep(0));
    }
    {
        let entry = nodes.entry(node.to_string()).or_default();
        entry.depth = entry.depth.max(depth);
    }
    for (index, element) in template.elements.iter().enumerate() {
        let entry = nodes.entry(node.to_string()).or_default();
        entry.own += 1;
        // Subexpressions (`(lower (lower x))`) recurse too.
        entry.depth = entry
            .depth
            .max(depth + subexpression_depth(element, MAX_NESTING + 1));
        if entry.depth > MAX_NESTING {
            return Err(too_deep(index));
        }
        match element {
            TemplateElement::PartialExpression(partial) => {
                let Some(name) = static_name(&partial.name) else {
                    return Err(problem(
                        index,
                        "a partial's name must be written out (`{{> name}}`), not computed",
                    ));
                };
                if name != "@partial-block" {
                    nodes
                        .entry(node.to_string())
                        .or_default()
                        .includes
                        .push((name, depth));
                }
            }
            TemplateElement::PartialBlock(_) => {
                return Err(problem(
                    index,
                    "partial blocks (`{{#> name}}…{{/name}}`) are not supported; include the partial with `{{> name}}`",
                ));
            }
            TemplateElement::HelperBlock(block) => {
                for inner in [&block.template, &block.inverse].into_iter().flatten() {
                    walk(inner, home, node, depth + 1, nodes)?;
                }
            }
            TemplateElement::DecoratorBlock(decorator) => {
                let inline = match (&decorator.name, decorator.params.first()) {
                    (Parameter::Name(d), Some(Parameter::Literal(JsonValue::String(n))))
                        if d == "inline" =>
                    {
                        Some(n.clone())
                    }
                    _ => None,
                };
                if let Some(body) = &decorator.template {
                    match inline {
                        Some(name) => {
                            nodes.entry(name.clone()).or_default().home = home.to_string();
                            walk(body, home, &name, 0, nodes)?;
                        }
                        None => walk(body, home, node, depth + 1, nodes)?,
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// How deeply the subexpressions in an element's name, parameters and hash nest, counted up
/// to `cap` (so the count recurses no deeper than that).
fn subexpression_depth(element: &TemplateElement, cap: usize) -> usize {
    if cap == 0 {
        return 0;
    }
    let of = |p: &Parameter| match p {
        Parameter::Subexpression(sub) => 1 + subexpression_depth(sub.as_element(), cap - 1),
        _ => 0,
    };
    match element {
        TemplateElement::Expression(h)
        | TemplateElement::HtmlExpression(h)
        | TemplateElement::HelperBlock(h) => std::iter::once(&h.name)
            .chain(&h.params)
            .chain(h.hash.values())
            .map(of)
            .max()
            .unwrap_or(0),
        TemplateElement::DecoratorExpression(d)
        | TemplateElement::DecoratorBlock(d)
        | TemplateElement::PartialExpression(d)
        | TemplateElement::PartialBlock(d) => std::iter::once(&d.name)
            .chain(&d.params)
            .chain(d.hash.values())
            .map(of)
            .max()
            .unwrap_or(0),
        _ => 0,
    }
}

/// The name a partial expression names, if it is written out.
fn static_name(name: &Parameter) -> Option<String> {
    match name {
        Parameter::Name(n) => Some(n.clone()),
        Parameter::Path(Path::Relative((_, raw)) | Path::Local((_, _, raw))) => Some(raw.clone()),
        Parameter::Literal(JsonValue::String(s)) => Some(s.clone()),
        _ => None,
    }
}

fn find_cycle<'a>(
    name: &'a str,
    nodes: &'a HashMap<String, Node>,
    state: &mut HashMap<&'a str, u8>,
    path: &mut Vec<&'a str>,
) -> Result<(), TemplateProblem> {
    match state.get(name) {
        Some(2) => return Ok(()),
        Some(_) => {
            let start = path.iter().position(|n| *n == name).unwrap_or(0);
            let mut shown: Vec<&str> = path[start..].to_vec();
            shown.push(name);
            let home = nodes.get(name).map_or(name, |n| n.home.as_str());
            let description = if shown.len() == 2 {
                format!("the partial `{name}` includes itself (`{{{{> {name}}}}}`)")
            } else {
                format!(
                    "partials include one another in a loop: {}",
                    shown.join(" → ")
                )
            };
            return Err(TemplateProblem {
                template: home.to_string(),
                message: format!(
                    "{description}, which would never end; remove one of the inclusions"
                ),
            });
        }
        None => {}
    }
    let Some(node) = nodes.get(name) else {
        // Not a template: rendering reports the unknown partial.
        return Ok(());
    };
    state.insert(name, 1);
    path.push(name);
    for (include, _) in &node.includes {
        find_cycle(include, nodes, state, path)?;
    }
    path.pop();
    state.insert(name, 2);
    Ok(())
}

fn cost_of(name: &str, nodes: &HashMap<String, Node>, costs: &mut HashMap<String, u64>) -> u64 {
    if let Some(&cost) = costs.get(name) {
        return cost;
    }
    let Some(node) = nodes.get(name) else {
        return 1;
    };
    let mut cost = node.own;
    for (include, _) in &node.includes {
        cost = cost.saturating_add(cost_of(include, nodes, costs));
    }
    costs.insert(name.to_string(), cost);
    cost
}

/// The problem of `root` nesting too deep, named at the template where the deepest chain of
/// inclusions passes the limit.
fn too_deep(
    root: &str,
    nodes: &HashMap<String, Node>,
    depths: &HashMap<String, usize>,
) -> TemplateProblem {
    let mut chain = vec![root];
    let mut base = 0;
    let mut current = root;
    while let Some(node) = nodes.get(current) {
        if base + node.depth > MAX_NESTING {
            break;
        }
        let deepest = node
            .includes
            .iter()
            .filter(|(include, _)| nodes.contains_key(include))
            .max_by_key(|(include, at)| at + 1 + depths.get(include).copied().unwrap_or(0));
        let Some((include, at)) = deepest else {
            break;
        };
        base += at + 1;
        current = include;
        chain.push(include);
    }
    let through = if chain.len() > 1 {
        format!(" through {}", chain.join(" → "))
    } else {
        String::new()
    };
    TemplateProblem {
        template: nodes
            .get(current)
            .map_or(current, |n| n.home.as_str())
            .to_string(),
        message: format!(
            "blocks and partial inclusions nest more than {MAX_NESTING} levels deep{through}; close some blocks, or include partials less deeply"
        ),
    }
}

/// How deep rendering `name` nests: blocks, and partials within blocks, each a level.
fn depth_of(
    name: &str,
    nodes: &HashMap<String, Node>,
    depths: &mut HashMap<String, usize>,
) -> usize {
    if let Some(&depth) = depths.get(name) {
        return depth;
    }
    let Some(node) = nodes.get(name) else {
        return 0;
    };
    let mut depth = node.depth;
    for (include, at) in &node.includes {
        depth = depth.max(at + 1 + depth_of(include, nodes, depths));
    }
    depths.insert(name.to_string(), depth);
    depth
}

/// The steps of rendering `template` once, with each partial at its cost in `costs`.
fn template_cost(template: &Template, costs: &HashMap<String, u64>) -> u64 {
    let mut cost = 0u64;
    for element in &template.elements {
        cost = cost.saturating_add(1);
        match element {
            TemplateElement::PartialExpression(partial) => {
                if let Some(name) = static_name(&partial.name) {
                    cost = cost.saturating_add(costs.get(&name).copied().unwrap_or(1));
                }
            }
            TemplateElement::HelperBlock(block) => {
                for inner in [&block.template, &block.inverse].into_iter().flatten() {
                    cost = cost.saturating_add(template_cost(inner, costs));
                }
            }
            TemplateElement::DecoratorBlock(decorator) => {
                if let Some(body) = &decorator.template {
                    cost = cost.saturating_add(template_cost(body, costs));
                }
            }
            _ => {}
        }
    }
    cost
}

thread_local! {
    /// Steps left for the document rendering on this thread (rendering one document never
    /// leaves its thread).
    static WORK_LEFT: Cell<u64> = const { Cell::new(u64::MAX) };
}

/// Runs `render` with a fresh budget of [`MAX_WORK`] steps.
pub fn with_budget<T>(render: impl FnOnce() -> T) -> T {
    WORK_LEFT.with(|left| left.set(MAX_WORK));
    let result = render();
    WORK_LEFT.with(|left| left.set(u64::MAX));
    result
}

fn charge(steps: u64) -> Result<(), RenderError> {
    WORK_LEFT.with(|left| {
        let remaining = left.get();
        if steps > remaining {
            left.set(0);
            Err(RenderErrorReason::Other(format!(
                "this loop would take the document past {MAX_WORK} template steps (loops nested over long lists multiply); loop over fewer items or nest fewer loops"
            ))
            .into())
        } else {
            left.set(remaining - steps);
            Ok(())
        }
    })
}

/// Handlebars' own `{{#each}}` (handlebars 6, MIT), charging the budget for the whole loop
/// before it starts.
//
// The rendering below is adapted from handlebars-rust's `each` helper
// (src/helpers/helper_each.rs, handlebars 6.4), whose licence requires this notice:
//
//   Copyright (c) 2014 Ning Sun
//
//   Permission is hereby granted, free of charge, to any person obtaining a copy of this
//   software and associated documentation files (the "Software"), to deal in the Software
//   without restriction, including without limitation the rights to use, copy, modify,
//   merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit
//   persons to whom the Software is furnished to do so, subject to the following conditions:
//   The above copyright notice and this permission notice shall be included in all copies or
//   substantial portions of the Software.
//   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.
pub struct BoundedEach {
    /// The cost of each partial, from [`check_partials`].
    pub costs: Arc<HashMap<String, u64>>,
}

impl HelperDef for BoundedEach {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let value = h
            .param(0)
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("each", 0))?;
        let Some(template) = h.template() else {
            return Ok(());
        };
        let entries: Vec<(JsonValue, String, &JsonValue)> = match value.value() {
            JsonValue::Array(list) if !list.is_empty() || h.inverse().is_none() => list
                .iter()
                .enumerate()
                .map(|(i, v)| (to_json(i), i.to_string(), v))
                .collect(),
            JsonValue::Object(map) if !map.is_empty() || h.inverse().is_none() => map
                .iter()
                .map(|(k, v)| (to_json(k), k.clone(), v))
                .collect(),
            _ => {
                return if let Some(inverse) = h.inverse() {
                    inverse.render(r, ctx, rc, out)
                } else if r.strict_mode() {
                    Err(RenderError::strict_error(value.relative_path()))
                } else {
                    Ok(())
                };
            }
        };
        let body = template_cost(template, &self.costs).saturating_add(1);
        charge((entries.len() as u64).saturating_mul(body))?;
        let is_object = value.value().is_object();
        let mut block = BlockContext::new();
        match value.context_path() {
            Some(path) => block.base_path_mut().clone_from(path),
            None => block.set_base_value(value.value().clone()),
        }
        rc.push_block(block);
        let base_path = value.context_path();
        let len = entries.len();
        for (i, (key, segment, item)) in entries.into_iter().enumerate() {
            if let Some(block) = rc.block_mut() {
                block.set_local_var("first", to_json(i == 0));
                block.set_local_var("last", to_json(i + 1 == len));
                if is_object {
                    block.set_local_var("key", key.clone());
                }
                block.set_local_var("index", to_json(i));
                match base_path {
                    Some(path) => {
                        if i == 0 {
                            let mut full = path.clone();
                            full.push(segment);
                            *block.base_path_mut() = full;
                        } else if let Some(last) = block.base_path_mut().last_mut() {
                            *last = segment;
                        }
                    }
                    None => block.set_base_value(item.clone()),
                }
                if let Some(name) = h.block_param() {
                    let mut params = BlockParams::new();
                    if base_path.is_some() {
                        params.add_path(name, Vec::new())?;
                    } else {
                        params.add_value(name, item.clone())?;
                    }
                    block.set_block_params(params);
                } else if let Some((name, key_name)) = h.block_param_pair() {
                    let mut params = BlockParams::new();
                    if base_path.is_some() {
                        params.add_path(name, Vec::new())?;
                    } else {
                        params.add_value(name, item.clone())?;
                    }
                    params.add_value(key_name, key)?;
                    block.set_block_params(params);
                }
            }
            template.render(r, ctx, rc, out)?;
        }
        rc.pop_block();
        Ok(())
    }
}

/// Collects rendered Markdown, refusing the write that would pass [`MAX_OUTPUT_BYTES`].
#[derive(Default)]
pub struct BoundedBuffer {
    /// What has been written.
    pub bytes: Vec<u8>,
    /// Whether a write was refused.
    pub exceeded: bool,
}

impl Write for BoundedBuffer {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len().saturating_add(data.len()) > MAX_OUTPUT_BYTES {
            self.exceeded = true;
            return Err(std::io::Error::other("the document is too large"));
        }
        self.bytes.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_each_renders_as_handlebars_own_each() {
        let data = serde_json::json!({
            "list": ["a", "b", "c"],
            "map": {"x": 1, "y": 2},
            "empty": [],
            "nested": [
                {"name": "n1", "tags": ["t1", "t2"]},
                {"name": "n2", "tags": []}
            ]
        });
        let mut theirs = Handlebars::new();
        theirs.set_strict_mode(true);
        let mut ours = Handlebars::new();
        ours.set_strict_mode(true);
        ours.register_helper(
            "each",
            Box::new(BoundedEach {
                costs: Arc::default(),
            }),
        );
        for template in [
            "{{#each list}}{{@index}}{{@first}}{{@last}}{{this}};{{/each}}",
            "{{#each map}}{{@key}}={{this}}/{{@index}}{{@first}}{{@last}};{{/each}}",
            "{{#each list as |item i|}}{{i}}:{{item}};{{/each}}",
            "{{#each map as |v k|}}{{k}}:{{v}};{{/each}}",
            "{{#each list as |item|}}{{item}}{{/each}}",
            "{{#each nested}}{{name}}{{#each ../list}}{{../name}}{{this}}{{/each}};{{/each}}",
            "{{#each nested}}{{#each tags}}{{@../index}}{{this}}{{else}}-{{/each}}{{/each}}",
            "{{#each empty}}x{{else}}none{{/each}}",
            "{{#each empty}}x{{/each}}",
            "{{#each (lookup this \"list\")}}{{this}}{{@index}}{{/each}}",
            "{{#each missing}}x{{else}}none{{/each}}",
            "{{#each missing}}x{{/each}}",
            "{{#each list}}{{#if @last}}.{{else}}, {{/if}}{{/each}}",
        ] {
            let expected = theirs.render_template(template, &data);
            let got = with_budget(|| ours.render_template(template, &data));
            match (expected, got) {
                (Ok(expected), Ok(got)) => assert_eq!(got, expected, "{template}"),
                (Err(_), Err(_)) => {}
                (expected, got) => panic!("{template}: {expected:?} but {got:?}"),
            }
        }
    }

    #[test]
    fn the_built_in_templates_are_well_within_the_limits() {
        let compiled: Vec<(&str, Template)> = super::super::DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| {
                let template = Template::compile_with_name(text, name.to_string()).unwrap();
                (*name, template)
            })
            .collect();
        let named: Vec<(&str, &Template)> = compiled.iter().map(|(n, t)| (*n, t)).collect();
        let costs = check_partials(&named).unwrap();
        let mut nodes = HashMap::new();
        for (name, template) in &named {
            walk(template, name, name, 0, &mut nodes).unwrap();
        }
        let mut depths = HashMap::new();
        for root in ["agreement", "protocol"] {
            let depth = depth_of(root, &nodes, &mut depths);
            eprintln!("{root}: depth {depth}, {} steps", costs[root]);
            assert!(depth <= MAX_NESTING / 10, "{root}: {depth}");
            assert!(costs[root] <= MAX_WORK / 1000, "{root}: {}", costs[root]);
        }
    }

    #[test]
    fn nesting_is_counted_from_the_tags() {
        let deep = |n: usize| format!("{}x{}", "{{#if a}}".repeat(n), "{{/if}}".repeat(n));
        assert!(check_nesting(&deep(MAX_NESTING)).is_ok());
        assert!(check_nesting(&deep(MAX_NESTING + 1)).is_err());
        // `{{^}}` and `{{else}}` do not open a block; `{{^x}}` does; closed blocks do not add up.
        let siblings = "{{#if a}}x{{^}}y{{else}}z{{/if}}".repeat(1000);
        assert!(check_nesting(&siblings).is_ok());
        let inverse = "{{~^a~}}".repeat(MAX_NESTING + 1);
        assert!(check_nesting(&inverse).is_err());
        // Comments and string literals hold text, not structure.
        let commented = format!(
            "{{{{!-- {} --}}}}{{{{lower \"{}\"}}}}",
            "{{#if a}}".repeat(500),
            "(".repeat(500)
        );
        assert!(check_nesting(&commented).is_ok());
        let error =
            check_nesting(&format!("a\n  {{{{x {}}}}}", "(".repeat(MAX_NESTING + 1))).unwrap_err();
        assert!(error.starts_with("2:"), "{error}");
        // Every built-in template passes.
        for (name, text) in super::super::DEFAULT_TEMPLATES {
            assert!(check_nesting(text).is_ok(), "{name}");
        }
    }

    #[test]
    fn the_budget_refuses_a_loop_before_it_starts() {
        let mut ours = Handlebars::new();
        ours.register_helper(
            "each",
            Box::new(BoundedEach {
                costs: Arc::default(),
            }),
        );
        let data = serde_json::json!({ "list": vec![0; 1000] });
        let nested =
            "{{#each list}}{{#each ../list}}{{#each ../../list}}x{{/each}}{{/each}}{{/each}}";
        let error = with_budget(|| ours.render_template(nested, &data)).unwrap_err();
        assert!(error.to_string().contains("template steps"), "{error}");
        // Outside a budgeted render there is no limit, and within one the count starts afresh.
        let small = serde_json::json!({ "list": [1, 2] });
        assert_eq!(
            with_budget(|| ours.render_template(nested, &small)).unwrap(),
            "xxxxxxxx"
        );
    }
}
