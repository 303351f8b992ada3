"""Errors the app answers itself: JSON `{"error": ...}` under /api/, a page in Russian elsewhere.

Also the answer for requests the server refused before they reached a view: gunicorn's
worker (webapp/worker.py) passes a request line over its bound here with the reason in
the environ, so a client gets the app's own 400 rather than the server's HTML.
"""
from __future__ import annotations

from flask import jsonify, render_template, request
from werkzeug.exceptions import HTTPException

REJECT_KEY = "newsarchive.reject"

RUSSIAN = {404: "Страница не найдена.", 405: "Этот метод здесь не поддерживается.",
           400: "Неверный запрос.", 413: "Запрос слишком большой.", 414: "Адрес запроса слишком длинный."}


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def json_error(status: int, message: str):
    resp = jsonify({"error": message})
    resp.status_code = status
    return resp


def page_error(status: int, message: str):
    return render_template("error.html", message=message), status


def init_app(app) -> None:
    @app.before_request
    def _rejected():
        reason = request.environ.get(REJECT_KEY)
        if reason:
            if wants_json():
                return json_error(400, reason)
            return page_error(400, "Запрос слишком длинный: сократите текст запроса или уберите часть "
                                   "фильтров (не больше 1000 знаков и 50 значений по 200 знаков в фильтре).")
        return None

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        if wants_json():
            resp = json_error(exc.code or 500, exc.description or exc.name)
        else:
            resp = page_error(exc.code or 500, RUSSIAN.get(exc.code, exc.name))
            from flask import make_response

            resp = make_response(*resp)
        if exc.code == 405 and hasattr(exc, "valid_methods") and exc.valid_methods:
            resp.headers["Allow"] = ", ".join(exc.valid_methods)
        return resp
