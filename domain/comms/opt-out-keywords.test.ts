import { detectOptKeyword } from './opt-out-keywords';

describe('STOP / START replies', () => {
  it.each(['STOP', 'stop', ' Stop. ', 'STOP SMS', 'ARRET', 'ARRÊT', 'arrêt', 'Arrêter', 'DESABONNER', 'désabonner', 'Désinscrire', 'UNSUBSCRIBE', 'stop au 36180', 'Opt-out'])(
    '%p opts out', (reply) => expect(detectOptKeyword(reply)).toMatchObject({ action: 'stop' }),
  );

  it.each(['START', 'unstop', 'Start ', 'REPRENDRE'])('%p opts back in', (reply) => expect(detectOptKeyword(reply)).toMatchObject({ action: 'start' }));

  it.each(['Merci, à demain', 'Je serai en retard', 'Pourquoi arrêter ?', '', 'OK'])('%p is an ordinary reply', (reply) => expect(detectOptKeyword(reply)).toBeNull());
});
