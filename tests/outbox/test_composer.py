"""Composer: who gets which rows, preferences applied, one insert, idempotent keys."""

from __future__ import annotations

from django.utils import timezone

from tuntas.outbox.models import (
    DeliveryChannel,
    Notification,
    NotificationPreference,
    OutboxMessage,
)
from tuntas.outbox.services import KEY_LENGTH, Composer, enqueue, row_key

C = DeliveryChannel


def rows():
    return sorted(
        (m.channel, m.address, m.recipient_id) for m in OutboxMessage.objects.order_by("id")
    )


def prefer(user, **values):
    NotificationPreference.objects.update_or_create(
        user=user, defaults={**values, "updated_at": timezone.now()}
    )


def add(composer, key="ev1", **recipients):
    composer.add(
        event="verify",
        subject="[LPR-1] Verifikasi",
        body="Laporan diverifikasi.",
        key=key,
        link="/laporan/LPR-1/",
        **recipients,
    )


def test_by_default_a_user_gets_in_app_and_email_only(demo, channels_on):
    user = demo.users["warga"]
    user.phone = "081234567890"
    user.save()
    composer = Composer(timezone.now())
    add(composer, users=[user])
    composer.save()
    assert rows() == [(C.EMAIL, user.email, user.pk), (C.IN_APP, "", user.pk)]


def test_preferences_choose_the_channels(demo, channels_on):
    user = demo.users["warga"]
    user.phone = "0812-3456-7890"
    user.save()
    prefer(user, email=False, whatsapp=True, sms=True)
    composer = Composer(timezone.now())
    add(composer, users=[user])
    composer.save()
    assert rows() == [
        (C.IN_APP, "", user.pk),
        (C.SMS, "6281234567890", user.pk),
        (C.WHATSAPP, "6281234567890", user.pk),
    ]


def test_no_phone_rows_without_a_valid_number_or_without_the_channel(demo, channels_off):
    with_phone = demo.users["warga"]
    with_phone.phone = "081234567890"
    with_phone.save()
    bad_phone = demo.users["warga2"]
    bad_phone.phone = "021-555"
    bad_phone.save()
    for user in (with_phone, bad_phone):
        prefer(user, whatsapp=True, sms=True)
    composer = Composer(timezone.now())
    add(composer, users=[with_phone, bad_phone])
    composer.save()
    assert {channel for channel, _a, _u in rows()} == {C.IN_APP, C.EMAIL}


def test_reporters_without_account_get_what_the_deployment_offers(db, channels_on):
    composer = Composer(timezone.now())
    add(
        composer,
        emails=["Pelapor@Example.com", "pelapor@example.com", ""],
        whatsapp_numbers=["+62 812-1111-2222", "bukan nomor"],
        sms_numbers=["081211112222", "021"],
        whatsapp_groups=["1203630@g.us", "  "],
    )
    composer.save()
    assert rows() == [
        (C.EMAIL, "Pelapor@Example.com", None),
        (C.SMS, "6281211112222", None),
        (C.WHATSAPP, "6281211112222", None),
        (C.WHATSAPP_GROUP, "1203630@g.us", None),
    ]


def test_phone_and_group_destinations_need_their_channel(db, channels_off):
    enqueue(
        event="verify",
        now=timezone.now(),
        subject="S",
        body="B",
        key="k",
        whatsapp_numbers=["081211112222"],
        sms_numbers=["081211112222"],
        whatsapp_groups=["1203630@g.us"],
    )
    assert rows() == []


def test_an_opt_out_is_not_bypassed_through_the_address_lists(demo, channels_on):
    user = demo.users["warga"]
    user.phone = "081234567890"
    user.save()
    prefer(user, email=False)
    composer = Composer(timezone.now())
    add(composer, users=[user], emails=[user.email.upper()], sms_numbers=["+6281234567890"])
    composer.save()
    assert rows() == [(C.IN_APP, "", user.pk)]


def test_the_same_event_twice_queues_one_row_per_recipient(demo):
    user = demo.users["warga"]
    composer = Composer(timezone.now())
    add(composer, users=[user, user])
    add(composer, users=[user])
    composer.save()
    add(composer, users=[user])  # again, in a later save
    composer.save()
    enqueue(event="verify", now=timezone.now(), subject="S", body="B", key="ev1", users=[user])
    assert rows() == [(C.EMAIL, user.email, user.pk), (C.IN_APP, "", user.pk)]


def test_save_is_one_preference_query_and_one_insert_for_many_events(
    demo, channels_on, django_assert_num_queries
):
    users = [demo.users[name] for name in ("warga", "warga2", "kapuas.koordinator")]
    prefer(users[0], email=False)
    composer = Composer(timezone.now())
    for n in range(5):
        add(composer, key=f"report-{n}", users=users, emails=[f"anon{n}@example.com"])
    with django_assert_num_queries(2):
        composer.save()
    assert OutboxMessage.objects.count() == 5 * (3 + 2 + 1)


def test_save_without_user_recipients_reads_no_preferences(db, django_assert_num_queries):
    composer = Composer(timezone.now())
    add(composer, emails=["a@example.com"])
    with django_assert_num_queries(1):
        composer.save()


def test_long_or_non_ascii_keys_stay_unique_and_fit_the_column():
    base = "x" * 200
    one = row_key(base, C.EMAIL, "a@example.com")
    two = row_key(base, C.EMAIL, "b@example.com")
    assert one != two
    assert len(one) <= KEY_LENGTH and one.isascii()
    accented = row_key("ev", C.WHATSAPP_GROUP, "Grup Penghubung Dinas Perhubungan – Bangkalan")
    assert accented.isascii() and len(accented) <= KEY_LENGTH
    assert row_key("ev", C.IN_APP, 7) == "ev:in_app:7"


def test_rows_reach_the_user_after_commit(demo, django_capture_on_commit_callbacks):
    user = demo.users["warga"]
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(
            event="verify",
            now=timezone.now(),
            subject="[LPR-1] Verifikasi",
            body="B",
            key="k",
            users=[user],
        )
    assert Notification.objects.filter(user=user, subject="[LPR-1] Verifikasi").count() == 1
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {"sent"}
