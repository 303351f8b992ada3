"""Settings come from the environment when asked, with defaults, and reach the app."""
import pytest

from indexer.settings import Settings


def test_settings_read_the_environment_when_asked():
    s = Settings.from_env({"NEWSARCHIVE_TIME_LIMIT": "0.5", "NEWSARCHIVE_POSTINGS_CACHE": "1000",
                           "NEWSARCHIVE_INDEX": "/tmp/архив", "NEWSARCHIVE_WORKERS": "3"})
    assert (s.time_limit, s.postings_cache, str(s.index_dir), s.workers) == (0.5, 1000, "/tmp/архив", 3)
    assert Settings.from_env({}) == Settings()


def test_a_bad_setting_names_itself():
    with pytest.raises(ValueError, match="NEWSARCHIVE_TIME_LIMIT='пять'"):
        Settings.from_env({"NEWSARCHIVE_TIME_LIMIT": "пять"})


def test_the_app_and_its_archive_take_the_environment(monkeypatch, bundled_index):
    from webapp import create_app

    monkeypatch.setenv("NEWSARCHIVE_TIME_LIMIT", "0.25")
    monkeypatch.setenv("NEWSARCHIVE_EXPORT_LIMIT", "7")
    app = create_app({"INDEX_DIR": str(bundled_index)})
    assert app.extensions["archive"].settings.time_limit == 0.25
    r = app.test_client().get("/api/search.csv?q=партии")
    assert r.headers["X-Export-Limit"] == "7"
