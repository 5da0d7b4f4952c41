"""Runs llama.cpp's OpenAI-compatible server (the `xllamacpp` wheel) on 127.0.0.1 until stopped.

Started by `scripts/local-llm.sh start`; serves /v1/chat/completions, /v1/models and /health.
One slot (so llama.cpp's prompt-prefix cache carries from one turn to the next), one CPU
thread by default, jinja chat templates on, with the template given by --template.
"""

import argparse
import signal
import sys
import threading


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", required=True, help="GGUF weights file")
    ap.add_argument("--alias", required=True, help="model id served at /v1/models")
    ap.add_argument("--template", required=True, help="jinja chat template file")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--ctx", type=int, default=8192, help="context size in tokens")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()

    try:
        import xllamacpp as xlc
    except ImportError as e:
        print(f"local-llm-server: cannot import xllamacpp: {e}", file=sys.stderr)
        return 1
    try:
        with open(args.template, encoding="utf-8") as f:
            template = f.read()
    except OSError as e:
        print(f"local-llm-server: cannot read template {args.template}: {e}", file=sys.stderr)
        return 1

    params = xlc.CommonParams()
    params.model.path = args.model
    params.model_alias = {args.alias}  # a set of aliases; a plain str would become its characters
    params.hostnames = ["127.0.0.1"]
    params.port = args.port
    params.n_ctx = args.ctx
    params.n_parallel = 1
    params.use_jinja = True
    params.chat_template = template
    params.cpuparams.n_threads = args.threads
    params.cpuparams_batch.n_threads = args.threads
    params.warmup = False

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    server = xlc.Server(params)
    print(f"local-llm-server: {args.alias} listening on 127.0.0.1:{args.port}", flush=True)
    stop.wait()
    del server
    return 0


if __name__ == "__main__":
    sys.exit(main())
