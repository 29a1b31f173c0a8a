#!/usr/bin/env python3
"""Cross-check the engine against the installed PyTorch on many random configurations.

    tools/torch_crosscheck.py --optimlab .build/release/optimlab --cases 300 [--seed 1] [--keep DIR]
    tools/torch_crosscheck.py --family scale --cases 300     # the optimizers past AdamW (torch + optax)

Each case draws an optimizer (sgd, adagrad, rmsprop, adam, adamw) with random hyperparameters and
options (momentum, dampening, nesterov, lr_decay, centered, amsgrad, weight decay), optionally a
PyTorch lr scheduler (StepLR, MultiStepLR, CosineAnnealingLR) and clip_grad_norm_, runs it in PyTorch
(float64 single-tensor, or float32 with fused=True for Adam/AdamW), writes the trace *without* the
params, lr and grad_norm columns (but for cosine, whose PyTorch lr is stepped recursively while the
trace format's cosine is the closed form), lets `optimlab trace` complete it, and compares every value:
relative 1e-9 for float64, 1e-6 for float32, as the reference-trace tests do. It prints the worst
error per kind and exits 1 if any case misses. With --keep DIR the generated traces are written there
(a failing one can become a fixture). It needs PyTorch (pip install torch) and is run by hand.

With --family scale each case draws one of radam, nadam, adamax, adafactor, muon, adamw with two
parameter groups (torch.optim, float64, default dtype float64) or lion, lamb, lars (optax with
jax_enable_x64), random 1-D, 2-D and (Adafactor) 3-D shapes, an lr that may change every step (the
trace carries it), and for the torch kinds sometimes parameter groups (no decay, another lr or beta2
on all tensors but the first); torch's Muon runs Newton-Schulz in float64 instead of bfloat16, as the
trace format's Muon does. Everything is compared at relative 1e-9.
"""
import argparse, json, math, os, random, subprocess, sys, tempfile


def draw_optimizer(rng, kind):
    lr = rng.choice([1e-3, 3e-3, 1e-2, 5e-2, 0.1])
    wd = rng.choice([0.0, 0.0, 1e-4, 1e-2, 0.1])
    if kind == "sgd":
        momentum = rng.choice([0.0, 0.9, 0.5])
        nesterov = momentum > 0 and rng.random() < 0.5
        dampening = 0.0 if nesterov else rng.choice([0.0, 0.1])
        return {"name": "sgd", "lr": lr, "momentum": momentum, "dampening": dampening,
                "weight_decay": wd, "nesterov": nesterov}
    if kind == "adagrad":
        return {"name": "adagrad", "lr": lr, "lr_decay": rng.choice([0.0, 0.01, 0.1]), "weight_decay": wd,
                "initial_accumulator_value": rng.choice([0.0, 0.1]), "eps": rng.choice([1e-10, 1e-6])}
    if kind == "rmsprop":
        return {"name": "rmsprop", "lr": lr / 10, "alpha": rng.choice([0.99, 0.9]), "eps": rng.choice([1e-8, 1e-6]),
                "weight_decay": wd, "momentum": rng.choice([0.0, 0.9]), "centered": rng.random() < 0.5}
    return {"name": kind, "lr": lr, "beta1": rng.choice([0.9, 0.8, 0.95]), "beta2": rng.choice([0.999, 0.95, 0.98]),
            "eps": rng.choice([1e-8, 1e-6]), "weight_decay": wd, "amsgrad": rng.random() < 0.3}


def torch_optimizer(torch, spec, params, fused):
    o = spec
    if o["name"] == "sgd":
        return torch.optim.SGD(params, lr=o["lr"], momentum=o["momentum"], dampening=o["dampening"],
                               weight_decay=o["weight_decay"], nesterov=o["nesterov"], foreach=False)
    if o["name"] == "adagrad":
        return torch.optim.Adagrad(params, lr=o["lr"], lr_decay=o["lr_decay"], weight_decay=o["weight_decay"],
                                   initial_accumulator_value=o["initial_accumulator_value"], eps=o["eps"], foreach=False)
    if o["name"] == "rmsprop":
        return torch.optim.RMSprop(params, lr=o["lr"], alpha=o["alpha"], eps=o["eps"], weight_decay=o["weight_decay"],
                                   momentum=o["momentum"], centered=o["centered"], foreach=False)
    cls = torch.optim.Adam if o["name"] == "adam" else torch.optim.AdamW
    extra = {"fused": True} if fused else {"foreach": False}
    return cls(params, lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["eps"], weight_decay=o["weight_decay"],
               amsgrad=o["amsgrad"], **extra)


def draw_schedule(rng, steps):
    name = rng.choice([None, None, "step", "multistep", "cosine"])
    if name == "step":
        return {"name": "step", "step_size": rng.randint(2, 8), "gamma": rng.choice([0.5, 0.1])}
    if name == "multistep":
        a = rng.randint(1, steps - 2)
        return {"name": "multistep", "milestones": [a, rng.randint(a + 1, steps)], "gamma": rng.choice([0.5, 0.1])}
    if name == "cosine":
        return {"name": "cosine", "total_steps": steps, "min_lr": rng.choice([0.0, 1e-5])}
    return None


def torch_scheduler(torch, schedule, opt):
    if schedule is None:
        return None
    s = torch.optim.lr_scheduler
    if schedule["name"] == "step":
        return s.StepLR(opt, step_size=schedule["step_size"], gamma=schedule["gamma"])
    if schedule["name"] == "multistep":
        return s.MultiStepLR(opt, milestones=schedule["milestones"], gamma=schedule["gamma"])
    return s.CosineAnnealingLR(opt, T_max=schedule["total_steps"], eta_min=schedule["min_lr"])


def make_case(torch, rng, index):
    kind = rng.choice(["sgd", "adagrad", "rmsprop", "adam", "adamw", "adamw"])
    fused = kind in ("adam", "adamw") and rng.random() < 0.4
    dtype = torch.float32 if fused else torch.float64
    steps = rng.randint(5, 40)
    spec = draw_optimizer(rng, kind)
    schedule = draw_schedule(rng, steps)
    clip = rng.choice([None, None, 0.5, 1.0, 5.0])
    sizes = [rng.choice([1, 3, 5, 17, 33]) for _ in range(rng.randint(1, 3))]
    names = ["w", "b", "emb"][:len(sizes)]
    gen = torch.Generator().manual_seed(10_000 + index)
    params = [torch.empty(n, dtype=dtype).uniform_(-1, 1, generator=gen).requires_grad_() for n in sizes]
    opt = torch_optimizer(torch, spec, params, fused)
    scheduler = torch_scheduler(torch, schedule, opt)
    as_dict = lambda ts: {n: t.detach().double().tolist() for n, t in zip(names, ts)}
    trace = {"format": "optimlab-trace-1", "optimizer": spec,
             "reference": {"library": "torch", "version": torch.__version__, "device": "cpu",
                           "path": "fused" if fused else "single-tensor",
                           "generator": f"tools/torch_crosscheck.py, case {index}"},
             "initial_params": as_dict(params), "steps": []}
    if fused:
        trace["dtype"] = "float32"
    if schedule:
        trace["schedule"] = schedule
    if clip is not None:
        trace["clip_norm"] = clip
    expected = []
    scale = rng.choice([1e-3, 1e-1, 1.0, 10.0])
    for _ in range(steps):
        grads = []
        for p in params:
            g = torch.randn(p.shape, dtype=dtype, generator=gen) * scale
            outliers = torch.rand(p.shape, generator=gen) < 0.1
            grads.append(torch.where(outliers, g * 10, g))
            p.grad = grads[-1].clone()
        norm = float(torch.nn.utils.clip_grad_norm_(params, clip, foreach=False)) if clip is not None else None
        lr = opt.param_groups[0]["lr"]
        opt.step()
        if scheduler:
            scheduler.step()
        step = {"grads": as_dict(grads)}
        if schedule and schedule["name"] == "cosine":
            # PyTorch steps CosineAnnealingLR recursively; the trace format's cosine is the closed
            # form (optax's), a few ulps away, so these traces carry PyTorch's own lr column.
            step["lr"] = lr
        trace["steps"].append(step)
        expected.append((lr, norm, [x for p in params for x in p.detach().double().tolist()]))
    label = f"{kind}{'-f32' if fused else ''}{'-' + schedule['name'] if schedule else ''}{'-clip' if clip else ''}"
    return label, trace, expected, 1e-6 if fused else 1e-9


SCALE_KINDS = ["radam", "nadam", "adamax", "adafactor", "muon", "lion", "lamb", "lars", "adamw-groups"]


def draw_scale_optimizer(rng, kind):
    """Random hyperparameters for a kind past AdamW, in the trace's field names."""
    lr = rng.choice([1e-3, 3e-3, 1e-2, 5e-2])
    wd = rng.choice([0.0, 1e-3, 1e-2, 0.1])
    b1, b2 = rng.choice([0.8, 0.9, 0.95]), rng.choice([0.95, 0.99, 0.999])
    if kind == "radam":
        return {"name": kind, "lr": lr, "beta1": b1, "beta2": b2, "eps": rng.choice([1e-8, 1e-6]),
                "weight_decay": wd, "decoupled_weight_decay": rng.random() < 0.5}
    if kind == "nadam":
        return {"name": kind, "lr": lr, "beta1": b1, "beta2": b2, "eps": 1e-8, "weight_decay": wd,
                "momentum_decay": rng.choice([4e-3, 1e-2]), "decoupled_weight_decay": rng.random() < 0.5}
    if kind == "adamax":
        return {"name": kind, "lr": lr, "beta1": b1, "beta2": b2, "eps": 1e-8, "weight_decay": wd}
    if kind == "adafactor":
        return {"name": kind, "lr": lr, "beta2_decay": rng.choice([-0.8, -0.5]), "eps1": rng.choice([None, None, 1e-30]),
                "eps2": 1e-3, "d": rng.choice([1.0, 2.0]), "weight_decay": wd}
    if kind == "muon":
        return {"name": kind, "lr": lr, "weight_decay": wd, "momentum": rng.choice([0.9, 0.95]),
                "nesterov": rng.random() < 0.6, "ns_coefficients": [3.4445, -4.775, 2.0315], "eps": 1e-7,
                "ns_steps": rng.choice([5, 5, 3]),
                "adjust_lr_fn": rng.choice([None, "original", "match_rms_adamw", "spectral_unclamped"])}
    if kind == "lion":
        return {"name": kind, "lr": lr / 10, "beta1": b1, "beta2": rng.choice([0.98, 0.99]), "weight_decay": wd}
    if kind == "lamb":
        return {"name": kind, "lr": lr, "beta1": b1, "beta2": b2, "eps": rng.choice([1e-6, 1e-8]),
                "eps_root": rng.choice([0.0, 1e-8]), "weight_decay": wd}
    if kind == "lars":
        return {"name": kind, "lr": lr, "weight_decay": wd, "trust_coefficient": rng.choice([1e-3, 1e-2]),
                "eps": rng.choice([0.0, 1e-8]), "momentum": rng.choice([0.0, 0.9]), "nesterov": rng.random() < 0.4}
    return {"name": "adamw", "lr": lr, "beta1": b1, "beta2": b2, "eps": 1e-8, "weight_decay": rng.choice([0.1, 0.5]),
            "amsgrad": rng.random() < 0.3}


def newton_schulz_float64(torch):
    """torch.optim.Muon's Newton-Schulz iteration without its bfloat16 cast (the trace format's Muon)."""
    def ns(grad, ns_coefficients, ns_steps, eps):
        a, b, c = ns_coefficients
        x = grad.clone()
        if grad.size(0) > grad.size(1):
            x = x.T
        x.div_(x.norm().clamp(min=eps))
        for _ in range(ns_steps):
            gram = x @ x.T
            x = torch.addmm(x, torch.addmm(gram, gram, gram, beta=b, alpha=c), x, beta=a)
        return x.T if grad.size(0) > grad.size(1) else x
    return ns


def torch_scale_optimizer(torch, o, groups):
    """The torch.optim optimizer for a spec; `groups` is a list of (params, overrides)."""
    param_groups = [dict(params=ps, **{k: v for k, v in over.items()}) for ps, over in groups]
    for g in param_groups:
        if "beta1" in g or "beta2" in g:
            g["betas"] = (g.pop("beta1", o.get("beta1")), g.pop("beta2", o.get("beta2")))
    n = o["name"]
    if n == "radam":
        return torch.optim.RAdam(param_groups, lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["eps"],
                                 weight_decay=o["weight_decay"], decoupled_weight_decay=o["decoupled_weight_decay"], foreach=False)
    if n == "nadam":
        return torch.optim.NAdam(param_groups, lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["eps"],
                                 weight_decay=o["weight_decay"], momentum_decay=o["momentum_decay"],
                                 decoupled_weight_decay=o["decoupled_weight_decay"], foreach=False)
    if n == "adamax":
        return torch.optim.Adamax(param_groups, lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["eps"],
                                  weight_decay=o["weight_decay"], foreach=False)
    if n == "adafactor":
        return torch.optim.Adafactor(param_groups, lr=o["lr"], beta2_decay=o["beta2_decay"], eps=(o["eps1"], o["eps2"]),
                                     d=o["d"], weight_decay=o["weight_decay"], foreach=False)
    if n == "muon":
        return torch.optim.Muon(param_groups, lr=o["lr"], weight_decay=o["weight_decay"], momentum=o["momentum"],
                                nesterov=o["nesterov"], ns_coefficients=tuple(o["ns_coefficients"]), eps=o["eps"],
                                ns_steps=o["ns_steps"], adjust_lr_fn=o["adjust_lr_fn"])
    return torch.optim.AdamW(param_groups, lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["eps"],
                             weight_decay=o["weight_decay"], amsgrad=o["amsgrad"], foreach=False)


def optax_transform(optax, o, lrs):
    import jax.numpy as jnp
    table = jnp.asarray(lrs, dtype=jnp.float64)
    lr = lambda count: table[count]
    if o["name"] == "lion":
        return optax.lion(lr, b1=o["beta1"], b2=o["beta2"], weight_decay=o["weight_decay"])
    if o["name"] == "lamb":
        return optax.lamb(lr, b1=o["beta1"], b2=o["beta2"], eps=o["eps"], eps_root=o["eps_root"], weight_decay=o["weight_decay"])
    return optax.lars(lr, weight_decay=o["weight_decay"], trust_coefficient=o["trust_coefficient"], eps=o["eps"],
                      momentum=o["momentum"], nesterov=o["nesterov"])


def draw_shapes(rng, kind):
    """Tensor shapes: matrices (some 3-D for Adafactor's batch factors) and vectors; Muon only 2-D."""
    count = rng.randint(1, 3)
    if kind == "muon":
        return [[rng.randint(1, 6), rng.randint(1, 6)] for _ in range(count)]
    pool = [[rng.randint(2, 6), rng.randint(1, 6)], [rng.randint(1, 9)], [rng.randint(1, 4), rng.randint(2, 5)]]
    if kind == "adafactor":
        pool.append([2, rng.randint(2, 4), rng.randint(2, 4)])
    return [rng.choice(pool) for _ in range(count)]


def make_scale_case(torch, rng, index):
    """A random case of a kind past AdamW, run in torch (float64, default dtype float64 so NAdam's mu
    product stays float64) or optax (jax x64), with per-step lr and, for torch kinds, parameter groups."""
    kind = SCALE_KINDS[index % len(SCALE_KINDS)] if rng.random() < 0.5 else rng.choice(SCALE_KINDS)
    spec = draw_scale_optimizer(rng, kind)
    steps = rng.randint(3, 25)
    shapes = draw_shapes(rng, kind)
    names = ["w", "b", "emb"][:len(shapes)]
    gen = torch.Generator().manual_seed(20_000 + index)
    init = [torch.empty(s, dtype=torch.float64).uniform_(-1.5, 1.5, generator=gen) for s in shapes]
    varying = rng.random() < 0.5
    lrs = [spec["lr"] * (rng.choice([0.25, 0.5, 1.0, 2.0]) if varying else 1.0) for _ in range(steps)]
    scale = rng.choice([1e-3, 1e-1, 1.0, 10.0])
    grads = []
    for _ in range(steps):
        gs = []
        for s in shapes:
            g = torch.randn(s, dtype=torch.float64, generator=gen) * scale
            gs.append(torch.where(torch.rand(s, generator=gen) < 0.1, g * 10, g))
        grads.append(gs)
    flat = lambda ts: [x for t in ts for x in t.reshape(-1).tolist()]
    trace = {"format": "optimlab-trace-1", "optimizer": spec,
             "shapes": {n: list(s) for n, s in zip(names, shapes)},
             "initial_params": {n: t.reshape(-1).tolist() for n, t in zip(names, init)}, "steps": []}
    expected = []
    library = "optax" if kind in ("lion", "lamb", "lars") else "torch"
    if library == "optax":
        import jax, jax.numpy as jnp, optax
        tx = optax_transform(optax, spec, lrs)
        params = {n: jnp.asarray(t.numpy()) for n, t in zip(names, init)}
        state = tx.init(params)
        for k in range(steps):
            g = {n: jnp.asarray(t.numpy()) for n, t in zip(names, grads[k])}
            updates, state = tx.update(g, state, params)
            params = optax.apply_updates(params, updates)
            expected.append((lrs[k], None, [float(x) for n in names for x in params[n].reshape(-1).tolist()]))
        trace["reference"] = {"library": "optax", "version": optax.__version__, "function": kind,
                              "generator": f"tools/torch_crosscheck.py --family scale, case {index}"}
    else:
        params = [t.clone().requires_grad_() for t in init]
        groups = [(params, {})]
        if len(params) > 1 and (kind == "adamw-groups" or rng.random() < 0.3):
            over = {"weight_decay": 0.0}
            if rng.random() < 0.4:
                over["lr"] = spec["lr"] * rng.choice([0.1, 3.0])
            if "beta2" in spec and rng.random() < 0.3:
                over["beta2"] = 0.9
            groups = [(params[:1], {}), (params[1:], over)]
            trace["param_groups"] = [{"tensors": names[:1]}, dict(tensors=names[1:], **over)]
        opt = torch_scale_optimizer(torch, spec, groups)
        for k in range(steps):
            for p, g in zip(params, grads[k]):
                p.grad = g.clone()
            for group, (_, over) in zip(opt.param_groups, groups):
                group["lr"] = lrs[k] * (over["lr"] / spec["lr"] if "lr" in over else 1.0)
            opt.step()
            expected.append((lrs[k], None, flat([p.detach() for p in params])))
        trace["reference"] = {"library": "torch", "version": torch.__version__, "class": type(opt).__name__,
                              "generator": f"tools/torch_crosscheck.py --family scale, case {index}"}
        if kind == "muon":
            trace["reference"]["note"] = "Newton-Schulz in float64 (PyTorch runs it in bfloat16)"
    for k in range(steps):
        trace["steps"].append({"grads": {n: t.reshape(-1).tolist() for n, t in zip(names, grads[k])}, "lr": lrs[k]})
    label = f"{kind}{'-groups' if 'param_groups' in trace and kind != 'adamw-groups' else ''}{'-lr' if varying else ''}"
    return label, trace, expected, 1e-9


def relative(a, b):
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


def check(optimlab, trace, expected):
    """The worst relative error of params, lr and grad_norm, and where it is."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(trace, f)
    try:
        run = subprocess.run([optimlab, "trace", f.name], capture_output=True, text=True)
    finally:
        os.unlink(f.name)
    if run.returncode != 0:
        return math.inf, "optimlab trace exit %d: %s" % (run.returncode, run.stderr.strip())
    got = json.loads(run.stdout)["steps"]
    worst, where = 0.0, ""
    for k, (step, (lr, norm, params)) in enumerate(zip(got, expected)):
        flat = [x for values in step["params"].values() for x in values]
        pairs = [("lr", step["lr"], lr)] + ([("grad_norm", step["grad_norm"], norm)] if norm is not None else [])
        pairs += [(f"params[{i}]", a, b) for i, (a, b) in enumerate(zip(flat, params))]
        for name, a, b in pairs:
            e = relative(a, b)
            if e > worst:
                worst, where = e, f"step {k} {name}: optimlab {a!r} torch {b!r}"
    return worst, where


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--optimlab", default=".build/release/optimlab")
    p.add_argument("--cases", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--keep", help="write every generated trace (with torch's columns) to this folder")
    p.add_argument("--family", choices=["course", "scale"], default="course",
                   help="course: SGD to AdamW (the default); scale: RAdam, NAdam, Adamax, Adafactor, Muon, "
                        "AdamW with parameter groups (torch) and Lion, LAMB, LARS (optax; needs jax and optax)")
    a = p.parse_args()
    try:
        import torch
    except ImportError:
        sys.exit("torch_crosscheck.py needs PyTorch: pip install torch")
    torch.set_num_threads(1)
    if a.family == "scale":
        try:
            import jax
        except ImportError:
            sys.exit("--family scale needs jax and optax: pip install jax optax")
        jax.config.update("jax_enable_x64", True)
        torch.set_default_dtype(torch.float64)       # NAdam's mu_product and the step counters in float64
        torch.optim._muon._zeropower_via_newtonschulz = newton_schulz_float64(torch)
    rng = random.Random(a.seed)
    worst_by_kind, failures = {}, 0
    for i in range(a.cases):
        maker = make_scale_case if a.family == "scale" else make_case
        label, trace, expected, rtol = maker(torch, rng, i)
        error, where = check(a.optimlab, trace, expected)
        kind = label.split("-")[0] + ("-f32" if "-f32" in label else "") + ("-groups" if "-groups" in label else "")
        worst_by_kind[kind] = max(worst_by_kind.get(kind, 0.0), error)
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            names = list(trace["initial_params"])
            lengths = [len(trace["initial_params"][n]) for n in names]
            for step, (lr, norm, params) in zip(trace["steps"], expected):
                step["lr"] = lr
                if norm is not None:
                    step["grad_norm"] = norm
                offsets = [sum(lengths[:k]) for k in range(len(names))]
                step["params"] = {n: params[o:o + m] for n, o, m in zip(names, offsets, lengths)}
            with open(os.path.join(a.keep, f"{i:03d}-{label}.json"), "w") as f:
                json.dump(trace, f)
        if error > rtol:
            failures += 1
            print(f"MISS case {i} {label}: {error:.3g} > {rtol:g} at {where}")
    for kind, error in sorted(worst_by_kind.items()):
        print(f"{kind:12s} worst relative error {error:.3g}")
    print(f"{a.cases} cases, {failures} missed (torch {torch.__version__})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
